package eu.callmatch.search.matching;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bilingual dictionaries installed in one directory (Debian's {@code dict-freedict-fra-eng} and its siblings put
 * them in {@code /usr/share/dictd}), each read the first time a profile in its language needs it. A language without
 * one is matched by the lexical step alone, as before.
 */
public final class Dictionaries {

    private static final Logger LOG = Logger.getLogger(Dictionaries.class);
    /** The dictd file names by profile language; Catalan has no FreeDict dictionary into English. */
    static final Map<String, String> FILES = Map.of("fr", "freedict-fra-eng", "es", "freedict-spa-eng",
            "de", "freedict-deu-eng", "it", "freedict-ita-eng");
    /** The languages a profile may be read in other than English, in the order the README lists them. */
    static final List<String> LANGUAGES = List.of("fr", "es", "ca", "de", "it");

    /** No dictionaries: the lexical step alone. */
    public static final Dictionaries NONE = new Dictionaries(null);

    private final Path dir;
    private final Map<String, Optional<BilingualDictionary>> loaded = new ConcurrentHashMap<>();

    /** @param dir where the {@code .index} and {@code .dict.dz} files are, or null for none */
    public Dictionaries(Path dir) {
        this.dir = dir;
    }

    /** The profile languages with no dictionary in the directory. */
    public List<String> missing() {
        return LANGUAGES.stream().filter(l -> !installed(l)).toList();
    }

    /** Says once, at start, which languages are matched without a dictionary. */
    public void logMissing() {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            LOG.infof("no bilingual dictionary in %s for %s: profiles in %s are matched by their words' English "
                    + "forms only (Debian: apt-get install dict-freedict-<lang>-eng)", dir, missing,
                    missing.size() == 1 ? "it" : "them");
        }
    }

    boolean installed(String language) {
        String base = FILES.get(language);
        return dir != null && base != null && Files.isReadable(dir.resolve(base + ".index"))
                && Files.isReadable(dir.resolve(base + ".dict.dz"));
    }

    /** The dictionary from {@code language} into English, read on first use; null where none is installed. */
    BilingualDictionary of(String language) {
        if (language == null || !FILES.containsKey(language)) {
            return null;
        }
        return loaded.computeIfAbsent(language, this::read).orElse(null);
    }

    private Optional<BilingualDictionary> read(String language) {
        if (!installed(language)) {
            return Optional.empty();
        }
        String base = FILES.get(language);
        long start = System.nanoTime();
        try {
            BilingualDictionary dictionary = BilingualDictionary.read(dir.resolve(base + ".index"),
                    dir.resolve(base + ".dict.dz"));
            LOG.infof("read the %s dictionary %s: %d headwords in %d ms", language, base, dictionary.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return Optional.of(dictionary);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf(e, "cannot read the dictionary %s in %s: %s profiles are matched without it", base, dir,
                    language);
            return Optional.empty();
        }
    }
}
