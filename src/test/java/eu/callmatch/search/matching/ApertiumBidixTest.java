package eu.callmatch.search.matching;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apertium's compiled dictionaries as Debian installs them (each test is skipped where its package is missing):
 * lemma pairs read from the transducers, a section of patterns skipped, and Italian into English through Spanish.
 */
class ApertiumBidixTest {

    private static final Path APERTIUM = Path.of("/usr/share/apertium");

    @Test
    void theItalianSpanishDictionaryIsReadAndItsPatternSectionSkipped() {
        Path file = installed("apertium-spa-ita", Dictionaries.INTO_SPANISH.get("it"));
        // its second section spells paths without end (any letter after any letter): walked whole, it fills the heap
        Map<String, Set<String>> pairs = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ApertiumBidix.pairs(file, true));
        assertTrue(pairs.size() > 10_000 && pairs.size() < 50_000, pairs.size() + " lemmas");
        assertTrue(pairs.get("distruzione").contains("destrucción"), "distruzione: " + pairs.get("distruzione"));
        // written alike in both languages: kept, for the step through Spanish
        assertTrue(pairs.getOrDefault("probabile", Set.of()).contains("probable"), "probabile: " + pairs.get("probabile"));
    }

    @Test
    void italianWordsReachEnglishThroughSpanishAfterFreeDictsOwn() {
        installed("apertium-spa-ita", Dictionaries.INTO_SPANISH.get("it"));
        installed("apertium-eng-spa", Dictionaries.SPANISH_ENGLISH);
        Dictionaries dictionaries = new Dictionaries(Path.of("/usr/share/dictd"), APERTIUM);
        BilingualDictionary italian = dictionaries.of("it");
        assertTrue(List.of(italian.translations("inquinamento")).contains("pollution"),
                List.of(italian.translations("inquinamento")).toString());
        assertTrue(List.of(italian.translations("fiume")).contains("river"), List.of(italian.translations("fiume")).toString());
        assertFalse(dictionaries.missing().contains("it"));
    }

    @Test
    void aDictionaryIntoEnglishLeavesOutWhatIsWrittenAlike() throws Exception {
        Path file = installed("apertium-eng-spa", Dictionaries.SPANISH_ENGLISH);
        Map<String, Set<String>> intoEnglish = ApertiumBidix.pairs(file, false);
        assertTrue(intoEnglish.get("contaminacion").contains("pollution"), "contaminación: " + intoEnglish.get("contaminacion"));
        assertFalse(intoEnglish.getOrDefault("hotel", Set.of()).contains("hotel"));
        assertTrue(ApertiumBidix.pairs(file, true).get("hotel").contains("hotel"));
    }

    private static Path installed(String pkg, String file) {
        Path path = APERTIUM.resolve(file);
        Assumptions.assumeTrue(Files.isReadable(path), pkg + " is not installed (" + path + "): apt-get install " + pkg);
        return path;
    }
}
