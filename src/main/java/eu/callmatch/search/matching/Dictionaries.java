package eu.callmatch.search.matching;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bilingual dictionaries into English installed on the machine, each read the first time a profile in its
 * language needs it: FreeDict's in dictd format (Debian's {@code dict-freedict-fra-eng} and its siblings put them in
 * {@code /usr/share/dictd}), and for Catalan, which FreeDict lacks, Apertium's compiled one (Debian's
 * {@code apertium-eng-cat}, in {@code /usr/share/apertium}). FreeDict's Spanish and Italian dictionaries are small
 * (4,500 and 3,300 headwords): after their own translations come Apertium's, Spanish-English ({@code apertium-eng-spa})
 * for Spanish, and for Italian through Spanish (Apertium's Italian-Spanish, {@code apertium-spa-ita}, then
 * Spanish-English). A language without any is matched by the lexical step alone, as before.
 */
public final class Dictionaries {

    private static final Logger LOG = Logger.getLogger(Dictionaries.class);
    /** Apertium's Catalan-English dictionary, under the Apertium directory. */
    static final String CATALAN = "apertium-eng-cat/cat-eng.autobil.bin";
    /** Apertium's Spanish-English dictionary, under the Apertium directory. */
    static final String SPANISH_ENGLISH = "apertium-eng-spa/spa-eng.autobil.bin";
    /** Apertium's dictionaries into Spanish of the languages whose words also go into English through Spanish. */
    static final Map<String, String> INTO_SPANISH = Map.of("it", "apertium-spa-ita/ita-spa.autobil.bin");
    /** The dictd file names by profile language; Catalan has no FreeDict dictionary into English. */
    static final Map<String, String> FILES = Map.of("fr", "freedict-fra-eng", "es", "freedict-spa-eng",
            "de", "freedict-deu-eng", "it", "freedict-ita-eng");
    /** The languages a profile may be read in other than English, in the order the README lists them. */
    static final List<String> LANGUAGES = List.of("fr", "es", "ca", "de", "it");

    /** No dictionaries: the lexical step alone. */
    public static final Dictionaries NONE = new Dictionaries(null, null);

    private final Path dir;
    private final Path apertium;
    private final Map<String, Optional<BilingualDictionary>> loaded = new ConcurrentHashMap<>();

    /**
     * @param dir      where the dictd {@code .index} and {@code .dict.dz} files are, or null for none
     * @param apertium where Apertium's language pairs are installed, or null for none
     */
    public Dictionaries(Path dir, Path apertium) {
        this.dir = dir;
        this.apertium = apertium;
    }

    /** The profile languages with no dictionary in the directory. */
    public List<String> missing() {
        return LANGUAGES.stream().filter(l -> !installed(l)).toList();
    }

    /** Says once, at start, which languages are matched without a dictionary. */
    public void logMissing() {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            LOG.infof("no bilingual dictionary in %s or %s for %s: profiles in %s are matched by their words' "
                    + "English forms only (Debian: apt-get install dict-freedict-<lang>-eng, apertium-eng-cat, "
                    + "apertium-eng-spa, apertium-spa-ita)", dir,
                    apertium, missing, missing.size() == 1 ? "it" : "them");
        }
    }

    boolean installed(String language) {
        if ("ca".equals(language)) {
            return apertium(CATALAN);
        }
        return freeDict(language) || viaApertium(language);
    }

    /** Whether Apertium gives the language's words in English, directly or through Spanish. */
    private boolean viaApertium(String language) {
        return apertium(SPANISH_ENGLISH) && ("es".equals(language)
                || INTO_SPANISH.containsKey(language) && apertium(INTO_SPANISH.get(language)));
    }

    private boolean apertium(String file) {
        return apertium != null && Files.isReadable(apertium.resolve(file));
    }

    private boolean freeDict(String language) {
        String base = FILES.get(language);
        return dir != null && base != null && Files.isReadable(dir.resolve(base + ".index"))
                && Files.isReadable(dir.resolve(base + ".dict.dz"));
    }

    /** The dictionary from {@code language} into English, read on first use; null where none is installed. */
    BilingualDictionary of(String language) {
        if (language == null || !LANGUAGES.contains(language)) {
            return null;
        }
        return loaded.computeIfAbsent(language, this::read).orElse(null);
    }

    private Optional<BilingualDictionary> read(String language) {
        if (!installed(language)) {
            return Optional.empty();
        }
        String base = String.join(", ", sources(language));
        long start = System.nanoTime();
        try {
            BilingualDictionary dictionary = "ca".equals(language) ? ApertiumBidix.read(apertium.resolve(CATALAN))
                    : BilingualDictionary.of(entries(language));
            LOG.infof("read the %s dictionary %s: %d headwords in %d ms", language, base, dictionary.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return Optional.of(dictionary);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf(e, "cannot read the dictionary %s in %s: %s profiles are matched without it", base, dir,
                    language);
            return Optional.empty();
        }
    }

    /** The files the language's dictionary is made of, for the log. */
    private List<String> sources(String language) {
        if ("ca".equals(language)) {
            return List.of(CATALAN);
        }
        List<String> files = new java.util.ArrayList<>();
        if (freeDict(language)) {
            files.add(FILES.get(language));
        }
        if (viaApertium(language)) {
            if (INTO_SPANISH.containsKey(language)) {
                files.add(INTO_SPANISH.get(language));
            }
            files.add(SPANISH_ENGLISH);
        }
        return files;
    }

    /**
     * A word's translations: FreeDict's first, then Apertium's (for Italian, the English of its Spanish translations,
     * in Apertium's order), up to {@value BilingualDictionary#MAX_TRANSLATIONS} a word.
     */
    private Map<String, Set<String>> entries(String language) throws IOException {
        Map<String, Set<String>> words = new HashMap<>();
        if (freeDict(language)) {
            String base = FILES.get(language);
            words.putAll(BilingualDictionary.entries(dir.resolve(base + ".index"), dir.resolve(base + ".dict.dz")));
        }
        if (!viaApertium(language)) {
            return words;
        }
        if ("es".equals(language)) {
            ApertiumBidix.pairs(apertium.resolve(SPANISH_ENGLISH), false)
                    .forEach((word, english) -> BilingualDictionary.addTranslations(words, word, english));
            return words;
        }
        // through Spanish, a word written alike in Spanish and English ("hotel") is a step like any other
        Map<String, Set<String>> spanishEnglish = ApertiumBidix.pairs(apertium.resolve(SPANISH_ENGLISH), true);
        ApertiumBidix.pairs(apertium.resolve(INTO_SPANISH.get(language)), true).forEach((word, spanish) -> {
            for (String translation : spanish) {
                BilingualDictionary.addTranslations(words, word,
                        spanishEnglish.getOrDefault(BilingualDictionary.fold(translation), Set.of()));
            }
        });
        return words;
    }
}
