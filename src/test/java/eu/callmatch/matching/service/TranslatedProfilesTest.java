package eu.callmatch.matching.service;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallDto;
import eu.callmatch.search.index.Documents;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.matching.CallMatch;
import eu.callmatch.search.matching.CallMatchQuery;
import eu.callmatch.search.matching.CallMatcher;
import eu.callmatch.search.matching.CallRanker;
import eu.callmatch.search.matching.Dictionaries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A French, a Spanish, a German, a Catalan and an Italian profile find their own call first among English ones, through the
 * installed FreeDict and Apertium dictionaries (read where Debian puts them), and the reasons pair the member's words
 * with the call's.
 * Each test is skipped where its dictionary is not installed.
 */
class TranslatedProfilesTest {

    private static final Path DICTD = Path.of("/usr/share/dictd");
    private static final Path APERTIUM = Path.of("/usr/share/apertium");
    private static final Dictionaries DICTIONARIES = new Dictionaries(DICTD, APERTIUM);
    private static Path root;
    private static LuceneIndex index;

    @BeforeAll
    static void corpus() throws Exception {
        root = Files.createTempDirectory("translated-profiles");
        index = LuceneIndex.open(root, IndexKind.CALLS);
        write("HORIZON-H2-01", "Hydrogen tanks for trucks and ships",
                "Storage of hydrogen under pressure on board heavy-duty trucks and ships.");
        write("HORIZON-BAT-01", "Battery storage for the grid", "Stationary batteries under pressure of demand.");
        write("HORIZON-WAT-01", "Water quality of rivers", "Monitoring the pollution of river water and of drinking water.");
        write("HORIZON-AIR-01", "Air quality in cities", "Monitoring the pollution of urban air.");
        write("HORIZON-PLA-01", "Recycling of plastic waste", "Collection and sorting of household plastic waste.");
        write("HORIZON-REC-01", "Recycling of batteries", "Recovery of lithium and cobalt from used batteries.");
        write("HORIZON-WND-01", "Offshore wind farms", "Floating turbines for deep sea sites.");
        write("HORIZON-HLT-01", "Early detection of cancer", "Screening and diagnosis in hospitals.");
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            fr | dict-freedict-fra-eng | Nous concevons des réservoirs pour camions à hydrogène et pour navires. | HORIZON-H2-01 | 'hydrogène' ~ 'hydrogen', 'camions' ~ 'truck'
            es | dict-freedict-spa-eng | Medimos la contaminación del agua en los ríos. | HORIZON-WAT-01 | 'agua' ~ 'water', 'ríos' ~ 'river'
            de | dict-freedict-deu-eng | Wir sammeln und sortieren Kunststoffabfälle aus Haushalten für das Recycling. | HORIZON-PLA-01 | 'kunststoffabfälle' ~ 'plastic
            ca | apertium-eng-cat | Emmagatzematge d'hidrogen per a camions i vaixells. | HORIZON-H2-01 | 'hidrogen' ~ 'hydrogen', 'camions' ~ 'truck'
            it | apertium-spa-ita apertium-eng-spa | Misuriamo l'inquinamento dell'acqua nei fiumi. | HORIZON-WAT-01 | 'inquinamento' ~ 'pollution', 'fiumi' ~ 'river'
            """)
    void aProfileInItsOwnLanguageFindsItsCallWithItsWordsPaired(String language, String pkg, String profile,
                                                                 String call, String pairs) {
        Assumptions.assumeTrue(java.util.Arrays.stream(pkg.split(" ")).allMatch(TranslatedProfilesTest::installed),
                pkg + " is not installed (" + DICTD + ", " + APERTIUM + "): apt-get install " + pkg);
        CallMatch first = best(profile, language);
        assertEquals(call, first.identifier());
        List<String> reasons = CallMatchService.termReasons(first);
        // a pair is "'member's words' ~ 'translation'", possibly cut after the translation's first word
        for (String pair : pairs.split(", (?=')")) {
            assertTrue(reasons.stream().anyMatch(r -> r.contains(pair)), pair + " in " + reasons);
        }
    }

    @Test
    void withoutDictionariesTheSameProfileHasNoPairs() {
        Dictionaries none = new Dictionaries(root.resolve("no-dictionaries"), root.resolve("no-apertium"));
        assertEquals(List.of("fr", "es", "ca", "de", "it"), none.missing());
        CallMatcher.Result result = CallMatcher.match(index, query("Medimos la contaminación del agua en los ríos.",
                "es"), 3, CallRanker.UNLEARNED, none);
        assertTrue(result.matches().stream().allMatch(m -> m.translations().isEmpty()),
                "the lexical step alone pairs nothing");
    }

    /** Whether Debian's package is installed where the test reads it. */
    private static boolean installed(String pkg) {
        return pkg.startsWith("apertium-") ? Files.isDirectory(APERTIUM.resolve(pkg))
                : Files.isReadable(DICTD.resolve(pkg.substring("dict-".length()) + ".index"));
    }

    private static CallMatch best(String profile, String language) {
        CallMatcher.Result result = CallMatcher.match(index, query(profile, language), 3, CallRanker.UNLEARNED,
                DICTIONARIES);
        assertTrue(!result.matches().isEmpty(), "no call found for " + profile);
        return result.matches().get(0);
    }

    private static CallMatchQuery query(String text, String language) {
        return new CallMatchQuery(text, List.of(), null, List.of(), List.of("OPEN"), List.of(), List.of(), null, 50,
                null, language);
    }

    private static void write(String id, String title, String description) throws Exception {
        CallDto call = new CallDto(id, id.substring(0, id.lastIndexOf('-')), title, null, "Horizon Europe", null, null,
                "HORIZON-RIA", CallStatus.OPEN, LocalDate.of(2026, 1, 1), List.of(LocalDate.of(2026, 9, 1)), null,
                null, null, null, null, description, List.of(), null, null, null, null, null, null, null);
        index.waitFor(index.update(call.identifier(), Documents.of(call, null)));
    }
}
