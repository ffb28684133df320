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
    /** How much of an entry is read: its head and translation lines fit (German entries run on with examples). */
    private static final int MAX_ENTRY_BYTES = 600;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** The headwords, sorted, and at the same index their translations separated by tabs: two arrays, no map nodes. */
    private final String[] headwords;
    private final String[] translations;

    private BilingualDictionary(String[] headwords, String[] translations) {
        this.headwords = headwords;
        this.translations = translations;
    }

    /** Reads {@code <base>.index} and {@code <base>.dict.dz} (dictzip is gzip: read whole, then cut by the index). */
    static BilingualDictionary read(Path index, Path dict) throws IOException {
        return of(entries(index, dict));
    }

    /** The entries of {@code <base>.index} and {@code <base>.dict.dz}: per headword (folded), its translations. */
    static Map<String, Set<String>> entries(Path index, Path dict) throws IOException {
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
                    // the translations come first: the long tail of examples and cross-references is not read
                    boolean cut = length > MAX_ENTRY_BYTES;
                    String entry = new String(text, offset, Math.min(length, MAX_ENTRY_BYTES), StandardCharsets.UTF_8);
                    translationsOf(cut ? entry.substring(0, Math.max(0, entry.lastIndexOf('\n'))) : entry, english);
                }
            }
        }
        return found;
    }

    /** Adds {@code more} after the translations {@code word} has, up to {@value #MAX_TRANSLATIONS} in all. */
    static void addTranslations(Map<String, Set<String>> words, String word, Iterable<String> more) {
        Set<String> known = words.computeIfAbsent(word, w -> new LinkedHashSet<>());
        for (String term : more) {
            if (known.size() >= MAX_TRANSLATIONS) {
                return;
            }
            known.add(term);
        }
    }

    /** A dictionary of these headwords (folded) and their translations, most common first. */
    static BilingualDictionary of(Map<String, Set<String>> found) {
        found.values().removeIf(Set::isEmpty);
        String[] headwords = found.keySet().toArray(String[]::new);
        java.util.Arrays.sort(headwords);
        String[] translations = new String[headwords.length];
        Map<String, String> shared = new HashMap<>(); // many headwords share their translations ("energy")
        for (int i = 0; i < headwords.length; i++) {
            String joined = String.join("\t", found.get(headwords[i]));
            translations[i] = shared.computeIfAbsent(joined, j -> j);
        }
        return new BilingualDictionary(headwords, translations);
    }

    /**
     * The translations of one entry into {@code into}, at most {@value #MAX_TRANSLATIONS}: its first line is the
     * headword, its pronunciation and grammar; the lines after it give the translations, comma-separated, with
     * numbered senses, labels and glosses; indented lines beginning with a quote, "Synonym", "see:" or "Note:" are
     * examples and cross-references.
     */
    static void translationsOf(String entry, Set<String> into) {
        int from = entry.indexOf('\n') + 1; // the first line is the headword's
        while (from > 0 && from < entry.length() && into.size() < MAX_TRANSLATIONS) {
            int end = entry.indexOf('\n', from);
            String line = entry.substring(from, end < 0 ? entry.length() : end).strip();
            from = end + 1;
            if (line.isEmpty() || line.startsWith("\"") || line.startsWith("Synonym") || line.startsWith("see:")
                    || line.startsWith("Note:") || line.startsWith("Antonym")) {
                continue;
            }
            StringBuilder piece = new StringBuilder();
            char close = 0;
            for (int i = senseStart(line); i <= line.length(); i++) {
                char c = i == line.length() ? ',' : line.charAt(i);
                if (close != 0) {
                    close = c == close ? 0 : close;
                } else if (c == '[' || c == '<' || c == '(' || c == '{') {
                    close = c == '[' ? ']' : c == '<' ? '>' : c == '(' ? ')' : '}';
                } else if (c == ',' || c == ';') {
                    String english = piece.toString().strip();
                    if (!english.isEmpty() && english.chars().filter(ch -> ch == ' ').count() < MAX_TRANSLATION_WORDS
                            && into.size() < MAX_TRANSLATIONS) {
                        into.add(english.toLowerCase(Locale.ROOT));
                    }
                    piece.setLength(0);
                } else if (Character.isWhitespace(c)) {
                    if (!piece.isEmpty() && piece.charAt(piece.length() - 1) != ' ') {
                        piece.append(' ');
                    }
                } else {
                    piece.append(c);
                }
            }
        }
    }

    /** Past a sense number ("2. quest, search"). */
    private static int senseStart(String line) {
        int i = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i == 0 || i >= line.length() || line.charAt(i) != '.') {
            return 0;
        }
        i++;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The English translations of a folded headword (see {@link #fold}), or none. */
    String[] translations(String headword) {
        int i = java.util.Arrays.binarySearch(headwords, headword);
        return i < 0 ? NONE : translations[i].split("\t");
    }

    int size() {
        return headwords.length;
    }

    private static final String[] NONE = new String[0];

    /** Lower case without accents, as the profile's words are looked up ("Énergie" = "energie", "Straße" = "strasse"). */
    static String fold(String words) {
        if (words.chars().allMatch(c -> (c >= 'a' && c <= 'z') || c == '-') ) {
            return words; // most look-ups: nothing to fold
        }
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
