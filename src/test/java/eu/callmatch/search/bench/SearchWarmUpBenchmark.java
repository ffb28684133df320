package eu.callmatch.search.bench;

import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import eu.callmatch.search.bench.VectorsBenchmark.ServerTime;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * How searches get faster as the JIT compiler catches up, in a service just started: the 2,306 real calls of
 * {@code eval/calls.jsonl} imported (their vectors done, Lucene's merges over), then the same 1,000 searches of whole
 * calls as {@link VectorsBenchmark}'s, {@value #ROUNDS} times over, each round timed at one client as VectorsBenchmark
 * times its rounds (p50, p99, and the means at the client, in the service, and of it in the calls index and reading the
 * page's calls from PostgreSQL).
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
            timed("searches of whole calls, round " + round, i -> "/api/v1/calls?size=20&q=" + queries.get(i),
                    ServerTime.searches());
        }
        timed("the liveness check", i -> "/q/health/live", ServerTime.route("GET", "/q/health/live"));
        timed("searches that find nothing", i -> "/api/v1/calls?size=20&q=zzqx" + i,
                ServerTime.route("GET", "/api/v1/calls"), ServerTime.CALLS_INDEX);
        timed("the same searches for a list view", i -> "/api/v1/calls?size=20&fields=" + VectorsBenchmark.LIST_VIEW
                + "&q=" + queries.get(i), ServerTime.searches());
    }

    /** As VectorsBenchmark times a round: p50, p99, the answers' size, the means at the client and {@code servers}. */
    private static void timed(String what, IntFunction<String> path, ServerTime... servers) throws Exception {
        VectorsBenchmark.timed(what, 0, SEARCHES, i -> VectorsBenchmark.receive("GET", path.apply(i), null, null, 200),
                servers);
    }
}
