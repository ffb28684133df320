package eu.callmatch.search.matching;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * One installed dictd dictionary from a language into English (FreeDict's {@code freedict-fra-eng.index} and
 * {@code .dict.dz}), read into memory once: per headword of at most {@value #MAX_HEADWORD_WORDS} words (lower case,
 * accents folded), its first {@value #MAX_TRANSLATIONS} English translations in the dictionary's order. The
 * dictionaries are GPL: the service reads them where a package installed them and ships none of their content.
 */
final class BilingualDictionary {

    /** Longer headwords are phrases and examples, not terms a profile repeats. */
    static final int MAX_HEADWORD_WORDS = 3;
    /** The dictionaries list a word's common senses first; the tail is rare senses, noise for matching. */
    static final int MAX_TRANSLATIONS = 6;
    /** A longer translation is a definition, not a term a call would use. */
    static final int MAX_TRANSLATION_WORDS = 3;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** Labels, grammar and glosses inside a translation line: "[Br.]", "<n>", "(of a ship)", "{pl}". */
    private static final Pattern ANNOTATION = Pattern.compile("\\[[^]]*]|<[^>]*>|\\([^)]*\\)|\\{[^}]*}");
    private static final Pattern SENSE_NUMBER = Pattern.compile("^\\d+\\.\\s*");

    private final Map<String, String[]> translations;

    private BilingualDictionary(Map<String, String[]> translations) {
        this.translations = translations;
    }

    /** Reads {@code <base>.index} and {@code <base>.dict.dz} (dictzip is gzip: read whole, then cut by the index). */
    static BilingualDictionary read(Path index, Path dict) throws IOException {
        byte[] text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dict), 1 << 16)) {
            text = in.readAllBytes();
        }
        Map<String, Set<String>> found = new HashMap<>();
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t");
            if (cols.length < 3 || cols[0].startsWith("00database") || cols[0].startsWith("00-database")) {
                continue;
            }
            String headword = fold(cols[0]);
            if (headword.isEmpty() || headword.split(" ").length > MAX_HEADWORD_WORDS) {
                continue;
            }
            Set<String> english = found.computeIfAbsent(headword, h -> new LinkedHashSet<>());
            if (english.size() < MAX_TRANSLATIONS) {
                int offset = (int) base64(cols[1]);
                int length = (int) base64(cols[2]);
                if (offset >= 0 && length > 0 && offset + length <= text.length) {
                    translationsOf(new String(text, offset, length, StandardCharsets.UTF_8), english);
                }
            }
        }
        Map<String, String[]> translations = new HashMap<>(found.size() * 4 / 3 + 1);
        found.forEach((headword, english) -> {
            if (!english.isEmpty()) {
                translations.put(headword.intern(), english.toArray(String[]::new));
            }
        });
        return new BilingualDictionary(translations);
    }

    /**
     * The translations of one entry into {@code into}, at most {@value #MAX_TRANSLATIONS}: its first line is the
     * headword, its pronunciation and grammar; the lines after it give the translations, comma-separated, with
     * numbered senses, labels and glosses; indented lines beginning with a quote, "Synonym", "see:" or "Note:" are
     * examples and cross-references.
     */
    static void translationsOf(String entry, Set<String> into) {
        String[] lines = entry.split("\n");
        for (int i = 1; i < lines.length && into.size() < MAX_TRANSLATIONS; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("\"") || line.startsWith("Synonym") || line.startsWith("see:")
                    || line.startsWith("Note:") || line.startsWith("Antonym")) {
                continue;
            }
            line = ANNOTATION.matcher(SENSE_NUMBER.matcher(line).replaceFirst("")).replaceAll(" ");
            for (String piece : line.split("[,;]")) {
                String english = piece.strip().replaceAll("\\s+", " ");
                if (!english.isEmpty() && english.split(" ").length <= MAX_TRANSLATION_WORDS
                        && into.size() < MAX_TRANSLATIONS) {
                    into.add(english.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    /** The English translations of a folded headword (see {@link #fold}), or none. */
    String[] translations(String headword) {
        return translations.getOrDefault(headword, NONE);
    }

    int size() {
        return translations.size();
    }

    private static final String[] NONE = new String[0];

    /** Lower case without accents, as the profile's words are looked up ("Énergie" = "energie", "Straße" = "strasse"). */
    static String fold(String words) {
        String folded = Normalizer.normalize(words.strip().toLowerCase(Locale.ROOT).replace("ß", "ss"),
                Normalizer.Form.NFD);
        return folded.replaceAll("\\p{M}+", "").replaceAll("\\s+", " ");
    }

    /** dictd's numbers: base 64, most significant digit first. */
    private static long base64(String digits) {
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = BASE64.indexOf(digits.charAt(i));
            if (d < 0) {
                return -1;
            }
            n = n * 64 + d;
        }
        return n;
    }
}
