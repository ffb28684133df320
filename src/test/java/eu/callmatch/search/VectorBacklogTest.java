package eu.callmatch.search;

import eu.callmatch.common.MetricsTest;
import eu.callmatch.common.concurrent.BackgroundPriority;
import eu.callmatch.common.concurrent.BackgroundPriorityTest;
import eu.callmatch.matching.MatchingResourceTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real backlog of calls' semantic vectors: imported calls wait {@code callmatch.search.vector-delay} (20 s here)
 * after the import before they are embedded, then get their vectors a batch at a time. Meanwhile a match answers at
 * once, ranks them by their words and says so; the admin status and the gauges follow the backlog as it shrinks, and
 * the import run says when its calls were done. Imported again with their texts unchanged, calls keep their vectors.
 */
@QuarkusTest
@TestProfile(VectorBacklogTest.Delayed.class)
class VectorBacklogTest {

    public static class Delayed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // one embedding thread: the status polls below keep a core of their own, so they do not miss a step
            // of the backlog while the model takes both cores
            return Map.of("callmatch.search.vector-delay", "PT20S", "callmatch.search.vector-threads", "1");
        }
    }

    private static final String PROGRAMME = "Vector Backlog Programme";
    /** A pending call that only its description (a rare word of the profile) brings: no vector, no title term. */
    private static final String BY_DESCRIPTION = "HORIZON-CL9-2031-VB-99-01";
    private static final String PROFILE = MatchingResourceTest.profile(
            "We build underwater drones that inspect floating wind turbines, their moorings and their sonobuoys.");

    @Test
    void aMatchDuringTheBacklogAnswersAtOnceAndTheStatusFollowsTheBacklogAsItShrinks() throws Exception {
        List<String> anchors = ids("VA", 6);
        List<String> pending = new ArrayList<>(ids("VB", 88));
        try {
            awaitNoBacklog();
            long firstRun = importAsync(MatchingResourceTest.pendingCalls(anchors, PROGRAMME, "moorings"));
            awaitNoBacklog();
            // once its calls have their vectors, the run says so
            JsonPath first = awaitDetail(firstRun);
            assertEquals(6, first.getInt("details.vectors.calls"), first.prettify());
            assertFalse(OffsetDateTime.parse(first.getString("details.vectors.doneAt"))
                    .isBefore(OffsetDateTime.parse(first.getString("finishedAt"))), first.prettify());
            int vectorsBefore = calls().getInt("vectors");

            String file = MatchingResourceTest.pendingCalls(pending, PROGRAMME, "mooring lines") + """
                    {"identifier": "%s", "title": "Maritime observation platforms", "programme": "%s", \
                    "openingDate": "%s", "deadlines": ["%s"], "description": "Networks of drifting sonobuoys \
                    record the ocean's noise; sonobuoys report by satellite."}
                    """.formatted(BY_DESCRIPTION, PROGRAMME, MatchingResourceTest.TODAY.minusDays(10),
                    MatchingResourceTest.TODAY.plusDays(60));
            pending.add(BY_DESCRIPTION);
            // three batches of at most 32: the status can show a step between them even when two of them become
            // searchable in the same refresh
            int backlog = pending.size();
            int all = anchors.size() + backlog;
            long secondRun = importAsync(file);

            long started = System.nanoTime();
            JsonPath during = given().contentType(ContentType.JSON).body(PROFILE).queryParam("programme", PROGRAMME)
                    .queryParam("limit", 100)
                    .when().post("/api/v1/call-matches")
                    .then().statusCode(200)
                    .body("pendingVectors", equalTo(backlog))
                    .body("items.call.identifier", hasItem(BY_DESCRIPTION))
                    .body("items.reasons.flatten()",
                            hasItem("not compared in meaning yet: the call's semantic vector is still being computed"))
                    .body("items.reasons.flatten()", hasItem(startsWith("close in meaning to the profile")))
                    .extract().jsonPath();
            double seconds = (System.nanoTime() - started) / 1e9;
            // waiting for the backlog would take the 20 s delay and the embedding of 89 calls
            assertTrue(seconds < 10, "answered in " + seconds + " s");
            List<String> ranked = during.getList("items.call.identifier");
            assertEquals(all, ranked.size(), "every call of the programme is ranked");
            // neither close nor far in meaning: a call without its vector ranks among those with one, not below all
            int firstPending = ranked.indexOf(ranked.stream().filter(pending::contains).findFirst().orElseThrow());
            int lastAnchor = ranked.indexOf(ranked.stream().filter(anchors::contains).reduce((a, b) -> b).orElseThrow());
            assertTrue(firstPending < lastAnchor, "ranked: " + ranked);

            JsonPath status = calls();
            assertEquals(backlog, status.getInt("vectorsPending"), status.prettify());
            assertEquals(vectorsBefore, status.getInt("vectors"), status.prettify());
            String metrics = MetricsTest.metrics();
            assertEquals(backlog, MetricsTest.value(metrics, "callmatch_index_vectors_pending", "index=\"calls\""), 0,
                    MetricsTest.lines(metrics, "callmatch_index_vectors"));
            assertEquals(vectorsBefore, MetricsTest.value(metrics, "callmatch_index_vectors", "index=\"calls\""), 0,
                    MetricsTest.lines(metrics, "callmatch_index_vectors"));

            // the backlog shrinks a batch at a time, done and pending moving together, at a rate shown
            List<Integer> seen = new ArrayList<>(List.of(backlog));
            double fastest = 0;
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (seen.get(seen.size() - 1) > 0 && System.nanoTime() < until) {
                // the second batch takes a few hundred milliseconds to embed once the first is visible: read the
                // status often enough not to miss the step between them
                Thread.sleep(10);
                status = calls();
                int left = status.getInt("vectorsPending");
                int done = status.getInt("vectors");
                // read one after the other: a batch finishing in between shows as done and still pending
                assertTrue(done >= vectorsBefore + backlog - left && done <= vectorsBefore + backlog,
                        status.prettify());
                fastest = Math.max(fastest, status.getDouble("vectorsPerSecond"));
                if (left != seen.get(seen.size() - 1)) {
                    seen.add(left);
                }
            }
            assertEquals(0, seen.get(seen.size() - 1), "the backlog is done: " + seen);
            assertTrue(seen.size() >= 3, "the backlog shrank in steps: " + seen);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) < seen.get(i - 1), "the backlog only shrinks: " + seen);
            }
            assertTrue(fastest > 0, "a rate while the vectors came");
            metrics = MetricsTest.metrics();
            assertEquals(0, MetricsTest.value(metrics, "callmatch_index_vectors_pending", "index=\"calls\""), 0,
                    MetricsTest.lines(metrics, "callmatch_index_vectors"));
            assertEquals(vectorsBefore + backlog,
                    MetricsTest.value(metrics, "callmatch_index_vectors", "index=\"calls\""), 0,
                    MetricsTest.lines(metrics, "callmatch_index_vectors"));
            assertTrue(MetricsTest.value(metrics, "callmatch_index_vectors_rate", "index=\"calls\"") > 0,
                    MetricsTest.lines(metrics, "callmatch_index_vectors"));

            JsonPath second = awaitDetail(secondRun);
            assertEquals(backlog, second.getInt("details.vectors.calls"), second.prettify());

            given().contentType(ContentType.JSON).body(PROFILE).queryParam("programme", PROGRAMME)
                    .when().post("/api/v1/call-matches")
                    .then().statusCode(200)
                    .body("pendingVectors", equalTo(0))
                    .body("items.reasons.flatten()", not(hasItem(startsWith("not compared in meaning yet"))));

            // the backlog's model threads ran at the lowest priority, and passed it on to no other thread (a thread
            // inherits its starter's priority); Lucene's merges run at it too
            if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/thread-self"))) {
                Map<String, Integer> lowered = BackgroundPriorityTest.threadsNotAt(BackgroundPriorityTest.nice());
                assertTrue(lowered.keySet().stream().anyMatch(t -> t.startsWith("callmatch-embed")), lowered::toString);
                lowered.forEach((thread, nice) -> assertTrue(nice == BackgroundPriority.NICE
                        && (thread.startsWith("callmatch-embed") || thread.startsWith("Lucene Merge")), lowered::toString));
            }

            // imported again with new deadlines and the same texts, the calls keep their vectors: no backlog
            String later = MatchingResourceTest.TODAY.plusDays(90).toString();
            String again = (MatchingResourceTest.pendingCalls(anchors, PROGRAMME, "moorings") + file)
                    .replace(MatchingResourceTest.TODAY.plusDays(60).toString(), later);
            long thirdRun = importAsync(again);
            assertEquals(all, run(thirdRun).getInt("updated"), run(thirdRun).prettify());
            status = calls();
            assertEquals(0, status.getInt("vectorsPending"), status.prettify());
            assertEquals(vectorsBefore + backlog, status.getInt("vectors"), status.prettify());
            given().queryParam("programme", PROGRAMME).queryParam("deadlineFrom", later).queryParam("limit", 100)
                    .when().get("/api/v1/calls")
                    .then().statusCode(200).body("total", equalTo(all));
        } finally {
            anchors.forEach(id -> given().when().delete("/api/v1/calls/{id}", id));
            pending.forEach(id -> given().when().delete("/api/v1/calls/{id}", id));
        }
    }

    private static List<String> ids(String group, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "HORIZON-CL9-2031-%s-01-%02d".formatted(group, i)).toList();
    }

    /** Imports the file in the background and waits for the run to end (not for its calls' vectors). */
    private static long importAsync(String file) throws InterruptedException {
        long run = given().contentType("application/x-ndjson").body(file.getBytes(StandardCharsets.UTF_8))
                .queryParam("format", "callmatch-jsonl").queryParam("async", true)
                .when().post("/api/v1/imports/calls")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ("RUNNING".equals(run(run).getString("status")) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertEquals("SUCCEEDED", run(run).getString("status"));
        return run;
    }

    private static JsonPath run(long id) {
        return given().when().get("/api/v1/imports/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    /** The run once its details say when its calls' vectors were done (written just after the last of them). */
    private static JsonPath awaitDetail(long id) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonPath run = run(id);
        while (run.get("details.vectors") == null && System.nanoTime() < until) {
            Thread.sleep(100);
            run = run(id);
        }
        return run;
    }

    /** The calls index in the admin status. */
    private static JsonPath calls() {
        return new JsonPath(given().when().get("/api/v1/admin/index").then().statusCode(200)
                .extract().jsonPath().prettify()).setRootPath("indexes.find { it.kind == 'CALLS' }");
    }

    private static void awaitNoBacklog() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (calls().getInt("vectorsPending") > 0 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertEquals(0, calls().getInt("vectorsPending"), "no backlog to begin with");
    }
}
