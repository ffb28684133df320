package eu.callmatch.workflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.callmatch.calls.service.CallChange;
import eu.callmatch.common.TestData;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.matching.service.CallMatchService;
import eu.callmatch.members.service.MemberService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import eu.callmatch.imports.service.ImportProgress;
import eu.callmatch.imports.service.ImportRunService;
import eu.callmatch.search.service.SearchIndexes;
import eu.callmatch.workflow.service.AlertService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alerts after a large import: 500 members (profiles of real SMEs from the evaluation set) against 600 new
 * calls (real Horizon Europe topics, dates moved into the future so that they are open), each member ranked by its
 * own call matches. Target: under 30 s. Run with
 * {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=AlertsBenchmark}; figures are printed.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(AlertsBenchmark.Manual.class)
class AlertsBenchmark {

    static final int MEMBERS = 500;
    static final int CALLS = 600;
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Brussels"));

    /** The imports raise no alerts by themselves: the benchmark raises them, and times only that. */
    public static class Manual implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callmatch.alerts.enabled", "false");
        }
    }

    @Inject
    AlertService alerts;

    @Inject
    SearchIndexes indexes;

    @Inject
    ImportRunService runs;

    @Inject
    CallMatchService matches;

    @Inject
    MemberService members;

    @Test
    void fiveHundredMembersAgainstSixHundredCalls() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> profiles = Files.readAllLines(TestData.EVAL.resolve("dev/e2_member.jsonl"), StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("externalId,name,country,organisationType,description,keywords\n");
        for (int i = 0; i < MEMBERS; i++) {
            var p = json.readTree(profiles.get(i % profiles.size())).path("profile");
            List<String> keywords = new ArrayList<>();
            p.path("keywords").forEach(k -> keywords.add(k.asText().replace(";", ",")));
            csv.append("bench-").append(i).append(",Bench member ").append(i).append(',')
                    .append(p.path("country").asText("FR")).append(",SME,")
                    .append(quote(p.path("description").asText())).append(',')
                    .append(quote(String.join(";", keywords))).append('\n');
        }
        given().contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .queryParam("format", "members-csv")
                .when().post("/api/v1/imports/members").then().statusCode(200);

        List<String> lines = Files.readAllLines(TestData.EVAL_CALLS, StandardCharsets.UTF_8);
        StringBuilder calls = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < CALLS && i < lines.size(); i++) {
            ObjectNode call = (ObjectNode) json.readTree(lines.get(i));
            call.put("openingDate", TODAY.minusDays(10).toString());
            call.putArray("deadlines").add(TODAY.plusDays(20 + ids.size() % 150).toString());
            ids.add(call.path("identifier").asText());
            calls.append(json.writeValueAsString(call)).append('\n');
        }
        long start = System.nanoTime();
        long run = given().contentType("application/x-ndjson").body(calls.toString().getBytes(StandardCharsets.UTF_8))
                .queryParam("format", "callmatch-jsonl").queryParam("source", "alerts-bench")
                .when().post("/api/v1/imports/calls").then().statusCode(200).extract().jsonPath().getLong("id");
        double importSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        indexes.whenVectorsDone(ids).get(15, java.util.concurrent.TimeUnit.MINUTES);
        double vectorSeconds = (System.nanoTime() - start) / 1e9;

        // what ProfileWarmUp does in the background after a start and after members change (it is off here, with
        // the alerts: the benchmark times each step by itself)
        start = System.nanoTime();
        int embedded = 0;
        for (String id = null; ; ) {
            String from = id;
            List<String> page = QuarkusTransaction.requiringNew().call(() -> members.idsAfter(from, 1000));
            for (String m : page) {
                QuarkusTransaction.requiringNew().run(() -> matches.embedProfile(Long.parseLong(m)));
                embedded++;
            }
            if (page.size() < 1000) {
                break;
            }
            id = page.get(page.size() - 1);
        }
        double embedSeconds = (System.nanoTime() - start) / 1e9;

        List<CallChange> changes = ids.stream().map(id -> new CallChange(id, EnumSet.of(CallChange.Kind.NEW_CALL),
                List.of("new call"))).toList();
        start = System.nanoTime();
        AlertService.RunSummary summary = alerts.raise(run, changes);
        double alertSeconds = (System.nanoTime() - start) / 1e9;
        // the next night: the same calls' deadlines moved; the members' profiles are embedded already, and every
        // call alerted the first time is followed now (so it is alerted again, whatever its rank)
        long next = runs.start(ImportFormat.CALLMATCH_JSONL, "alerts-bench", null, null);
        runs.finish(next, new ImportProgress(), null);
        List<CallChange> moved = ids.stream().map(id -> new CallChange(id, EnumSet.of(CallChange.Kind.DEADLINE_CHANGED),
                List.of("deadline moved"))).toList();
        start = System.nanoTime();
        AlertService.RunSummary again = alerts.raise(next, moved);
        double warmSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%nALERTS BENCHMARK (%d cores)%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("import of %d calls: %.1f s, then their vectors: %.1f s more%n", ids.size(), importSeconds,
                vectorSeconds);
        System.out.printf("embedding %d member profiles (in the background, ahead of the alerts): %.1f s%n", embedded,
                embedSeconds);
        System.out.printf("alerts, %d members x %d new calls: %.1f s (target < 30 s), "
                + "%.1f ms a member; %d alerts for %d members%n", MEMBERS, summary.calls(), alertSeconds,
                alertSeconds * 1000 / MEMBERS, summary.raised(), summary.members());
        System.out.printf("alerts, %d members x %d changed calls (each followed pair alerted again): %.1f s "
                + "(target < 30 s), "
                + "%.1f ms a member; %d alerts for %d members%n", MEMBERS, again.calls(), warmSeconds,
                warmSeconds * 1000 / MEMBERS, again.raised(), again.members());
        System.out.printf("load average during the run: %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertTrue(summary.raised() > 0, "some alerts");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
