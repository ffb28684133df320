package eu.callmatch.search.bench;

import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * How searches get faster as the JIT compiler catches up, in a service just started: the 2,306 real calls of
 * {@code eval/calls.jsonl} imported (their vectors done, Lucene's merges over), then the same 1,000 searches of whole
 * calls as {@link VectorsBenchmark}'s, {@value #ROUNDS} times over, with each round's p50, p90 and p99 at one client.
 * After the last round, for scale, 1,000 each of: the liveness check (no authentication, no search), an authenticated
 * search that finds nothing, and the same searches as a list view asks for them ({@link VectorsBenchmark#LIST_VIEW}).
 *
 * <p>Run: {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=SearchWarmUpBenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class SearchWarmUpBenchmark {

    static final int ROUNDS = 6;
    static final int SEARCHES = 1_000;

    @Test
    void searchesWarmUp() throws Exception {
        VectorsBenchmark.receive("POST", "/api/v1/imports/calls?format=callmatch-jsonl&async=false",
                "application/x-ndjson", Files.readAllBytes(TestData.EVAL_CALLS), 200);
        VectorsBenchmark.awaitNoBacklog();
        while (VectorsBenchmark.callsIndex().path("merging").asBoolean()) {
            VectorsBenchmark.sleep(500);
        }
        List<CallDto> real = TestData.calls(TestData.EVAL_CALLS);
        List<String> queries = SearchBenchmark.queries(real, new Random(3), SEARCHES).stream()
                .map(r -> URLEncoder.encode(r.text(), StandardCharsets.UTF_8)).toList();
        for (int round = 1; round <= ROUNDS; round++) {
            timed("searches of whole calls, round " + round, i -> "/api/v1/calls?size=20&q=" + queries.get(i));
        }
        timed("the liveness check", i -> "/q/health/live");
        timed("searches that find nothing", i -> "/api/v1/calls?size=20&q=zzqx" + i);
        timed("the same searches for a list view", i -> "/api/v1/calls?size=20&fields=" + VectorsBenchmark.LIST_VIEW
                + "&q=" + queries.get(i));
    }

    private static void timed(String what, IntFunction<String> path) {
        long[] nanos = new long[SEARCHES];
        long bytes = 0;
        for (int i = 0; i < SEARCHES; i++) {
            long start = System.nanoTime();
            bytes += VectorsBenchmark.receive("GET", path.apply(i), null, null, 200).length;
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms (%d requests); answers of %.1f KB%n", what,
                VectorsBenchmark.ms(nanos, 0.5), VectorsBenchmark.ms(nanos, 0.9), VectorsBenchmark.ms(nanos, 0.99),
                SEARCHES, bytes / 1024.0 / SEARCHES);
    }
}
