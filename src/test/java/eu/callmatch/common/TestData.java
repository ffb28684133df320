package eu.callmatch.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.calls.CallDto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real data the tests and benchmarks read, all of it in the repository (paths relative to the project directory,
 * where Maven runs them): small samples of the EU open data the importers take, cut by
 * {@code src/tools/make_test_samples.py} (where each comes from and under which licence: {@code
 * src/test/resources/data/SOURCES.md}), the evaluation's call corpus and dev pool in {@code eval/}, and the demo calls
 * the service ships.
 */
public final class TestData {

    public static final Path DATA = Path.of("src", "test", "resources", "data");
    /** Samples of the eight Funding &amp; Tenders Portal CSV exports, under their original names. */
    public static final Path FT_CSV_EXPORTS = DATA.resolve(Path.of("ft-portal", "ft-csv-exports-2024"));
    /** Recorded responses of the portal's search API and topic documents, whole. */
    public static final Path SEDIA_JSON = DATA.resolve(Path.of("ft-portal", "sedia-json"));
    /** A sample of a CORDIS Horizon Europe projects bundle: 192 projects with all their rows in the four files. */
    public static final Path CORDIS_SAMPLE = DATA.resolve(Path.of("cordis", "cordis-horizon-europe-sample.zip"));
    /** Every 20th line of {@link #EVAL_CALLS}. */
    public static final Path CALLS_SAMPLE = DATA.resolve(Path.of("eval", "calls-sample.jsonl"));

    public static final Path EVAL = Path.of("eval");
    /** The evaluation's call corpus: 2,306 real Horizon Europe topics in the service's JSON-lines format. */
    public static final Path EVAL_CALLS = EVAL.resolve("calls.jsonl");
    /** The evaluation's partner pool, a CORDIS Horizon Europe bundle (without the dev cases' topics). */
    public static final Path DEV_POOL = EVAL.resolve(Path.of("dev", "cordis.zip"));

    /**
     * The demo calls (src/main/resources/demo): 200 real portal topics scraped in August 2026, with long plain-text
     * descriptions, keywords and several programmes (made by {@code src/tools/make_demo_calls.py}).
     */
    public static final Path DEMO_CALLS = Path.of("src", "main", "resources", "demo", "calls.jsonl");

    private TestData() {
    }

    /** The calls of a file in the service's JSON-lines format ({@code callmatch-jsonl}), in file order. */
    public static List<CallDto> calls(Path jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<CallDto> calls = new ArrayList<>();
        try (Stream<String> lines = Files.lines(jsonl)) {
            for (String line : (Iterable<String>) lines::iterator) {
                calls.add(json.readValue(line, CallDto.class));
            }
        }
        return calls;
    }
}
