package eu.callmatch.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helpdesk workflow through the API: alerts after imports, decisions, the queue, the export, the ranking. */
@QuarkusTest
class WorkflowResourceTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Brussels"));
    static final String WIND_PROFILE = "We build underwater drones that inspect floating offshore wind turbines and "
            + "their moorings.";
    static final String SOIL_PROFILE = "We run living labs on soil health and regenerative agriculture with farmers.";

    // --- fixtures ---

    static String uid() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static long member(String name, String description, String programme) {
        String body = """
                {"name": "%s", "country": "FR", "organisationType": "SME", "description": "%s",
                 "keywords": [], "programmes": ["%s"]}""".formatted(name, description, programme);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/members")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static String callLine(String id, String programme, String title, String description, LocalDate deadline,
                           long budget) {
        return """
                {"identifier": "%s", "title": "%s", "programme": "%s", "actionType": "HORIZON-RIA", "openingDate": "%s", \
                "deadlines": ["%s"], "description": "%s", "budgetMin": %d, "budgetMax": %d, "url": "https://example.org/%s"}"""
                .formatted(id, title, programme, TODAY.minusDays(30), deadline, description, budget, budget, id);
    }

    static void putCall(String id, String programme, String title, String description, LocalDate deadline) {
        given().contentType(ContentType.JSON).body(callLine(id, programme, title, description, deadline, 1_000_000))
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    /** Imports the lines; answers the run's id once its alerts have been raised. */
    static long importAndAwaitAlerts(String source, String... lines) throws InterruptedException {
        long run = given().contentType("application/x-ndjson")
                .body(String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("format", "callmatch-jsonl").queryParam("source", source)
                .when().post("/api/v1/imports/calls")
                .then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                .extract().jsonPath().getLong("id");
        long until = System.nanoTime() + Duration.ofSeconds(600).toNanos();
        while (System.nanoTime() < until) {
            Map<String, Object> alerts = given().when().get("/api/v1/imports/{id}", run)
                    .then().statusCode(200).extract().jsonPath().getMap("details.alerts");
            if (alerts != null) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("import run " + run + " raised no alerts in time");
    }

    static JsonPath alerts(long run, long member) {
        return given().queryParam("importRun", run).queryParam("member", member).when().get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath();
    }

    static void decide(long member, String call, String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/members/{id}/calls/{call}/decision", member, call)
                .then().statusCode(200);
    }

    // --- alerts ---

    @Test
    void importsRaiseExactlyTheExpectedAlertsAndNoneForADismissedPair() throws InterruptedException {
        String u = uid();
        String programme = "Workflow Alerts " + u;
        String wind = "HORIZON-WF-" + u + "-WIND";
        String soil = "HORIZON-WF-" + u + "-SOIL";
        long a = member("Wind A " + u, WIND_PROFILE, programme);
        long b = member("Wind B " + u, WIND_PROFILE, programme);
        long c = member("Soil C " + u, SOIL_PROFILE, programme);
        String windTitle = "Floating offshore wind turbines and their moorings";
        String windText = "Floating offshore wind farms need lighter moorings and inspection by underwater robots.";
        String soilTitle = "Soil health and regenerative agriculture";
        String soilText = "Living labs for soil carbon and regenerative farm practices.";
        String source = "wf-" + u;

        long first = importAndAwaitAlerts(source,
                callLine(wind, programme, windTitle, windText, TODAY.plusDays(30), 2_000_000),
                callLine(soil, programme, soilTitle, soilText, TODAY.plusDays(60), 1_000_000));
        given().when().get("/api/v1/imports/{id}", first).then()
                .body("details.alerts.raised", greaterThanOrEqualTo(3))
                .body("details.alerts.calls", equalTo(2));
        for (long m : List.of(a, b)) {
            JsonPath p = alerts(first, m);
            assertEquals(List.of(wind), p.getList("items.call.identifier"), "member " + m);
            assertEquals(List.of("NEW_CALL"), p.getList("items[0].changes"));
            assertEquals("NEW", p.getString("items[0].status"));
            assertTrue(p.getDouble("items[0].score") >= 0.5);
            assertTrue(p.getList("items[0].reasons", String.class).stream().anyMatch(r -> r.startsWith("profile terms")));
        }
        assertEquals(List.of(soil), alerts(first, c).getList("items.call.identifier"));

        decide(b, wind, "{\"status\": \"DISMISSED\", \"reasonCode\": \"NOT_RELEVANT\"}");

        // the deadline moves: A (alerted before) hears of it, B dismissed the call, C never matched it
        long second = importAndAwaitAlerts(source,
                callLine(wind, programme, windTitle, windText, TODAY.plusDays(45), 2_000_000),
                callLine(soil, programme, soilTitle, soilText, TODAY.plusDays(60), 1_000_000));
        JsonPath toA = alerts(second, a);
        assertEquals(List.of(wind), toA.getList("items.call.identifier"));
        assertEquals(List.of("DEADLINE_CHANGED"), toA.getList("items[0].changes"));
        assertEquals(List.of("deadline " + TODAY.plusDays(30) + " -> " + TODAY.plusDays(45)),
                toA.getList("items[0].changeNotes"));
        assertEquals(List.of(), alerts(second, b).getList("items"));
        assertEquals(List.of(), alerts(second, c).getList("items"));
        given().when().get("/api/v1/members/{id}/calls/{call}/decision", b, wind)
                .then().statusCode(200).body("status", equalTo("DISMISSED"));

        // the budget changes: that reopens B's dismissal
        long third = importAndAwaitAlerts(source,
                callLine(wind, programme, windTitle, windText, TODAY.plusDays(45), 3_000_000));
        JsonPath toB = alerts(third, b);
        assertEquals(List.of(wind), toB.getList("items.call.identifier"));
        assertEquals(List.of("BUDGET_CHANGED"), toB.getList("items[0].changes"));
        assertTrue(toB.getList("items[0].reasons", String.class).get(0).startsWith("back in the queue"));
        assertEquals(List.of(wind), alerts(third, a).getList("items.call.identifier"));
        given().when().get("/api/v1/members/{id}/calls/{call}/decision", b, wind)
                .then().statusCode(200).body("status", equalTo("NEW"))
                .body("history.status", contains("DISMISSED"));

        // the member's own list, and the digest of the day
        given().queryParam("status", "NEW").when().get("/api/v1/members/{id}/alerts", a)
                .then().statusCode(200).body("total", equalTo(3))
                .body("items[0].importRun", equalTo((int) third));
        given().queryParam("since", TODAY.plusDays(1).toString()).when().get("/api/v1/members/{id}/alerts", a)
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("status", "SHORTLISTED").when().get("/api/v1/members/{id}/alerts", a)
                .then().statusCode(200).body("total", equalTo(0));
        given().when().get("/api/v1/members/{id}/digest", a)
                .then().statusCode(200).body("alerts.call.identifier", hasItem(wind));
        given().accept("text/plain").when().get("/api/v1/members/{id}/digest", a)
                .then().statusCode(200).contentType(startsWith("text/plain"))
                .body(containsString("Funding calls for Wind A " + u), containsString(wind),
                        containsString("new call, deadline changed, budget changed (deadline " + TODAY.plusDays(30) + " -> "
                                + TODAY.plusDays(45) + "; budget 2000000 EUR per grant -> 3000000 EUR per grant)"));
        given().accept("text/html").when().get("/api/v1/members/{id}/digest", a)
                .then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<h1>Funding calls for Wind A " + u), containsString("<a href=\"https://example.org/"));
        // the text staff paste into an e-mail, in the language asked for (by default the member's, here English)
        given().accept("text/plain").queryParam("language", "fr").when().get("/api/v1/members/{id}/digest", a)
                .then().statusCode(200).body(containsString("Appels à projets pour Wind A " + u), containsString(wind));
        given().accept("text/plain").queryParam("language", "de").when().get("/api/v1/members/{id}/digest", a)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body(containsString("must be en, fr or es"));
    }

    // --- the queue ---

    @Test
    void theTriageQueueIsOrderedBySoonestDeadlineAndFiltered() {
        String u = uid();
        String programme = "Workflow Triage " + u;
        String t1 = "HORIZON-WF-" + u + "-T1";
        String t2 = "HORIZON-WF-" + u + "-T2";
        String t3 = "HORIZON-WF-" + u + "-T3";
        String t4 = "HORIZON-WF-" + u + "-T4";
        putCall(t1, programme, "Offshore wind one", "Wind.", TODAY.plusDays(50));
        putCall(t2, programme, "Offshore wind two", "Wind.", TODAY.plusDays(10));
        putCall(t3, programme, "Offshore wind three", "Wind.", TODAY.plusDays(30));
        putCall(t4, programme, "Offshore wind four", "Wind.", TODAY.minusDays(5));
        long d = member("Triage D " + u, WIND_PROFILE, programme);
        long e = member("Triage E " + u, WIND_PROFILE, programme);
        String alice = "alice-" + u;
        String bob = "bob-" + u;
        given().contentType(ContentType.JSON).body("{\"assignee\": \"" + alice + "\"}")
                .when().put("/api/v1/members/{id}/assignee", d)
                .then().statusCode(200).body("assignee", equalTo(alice)).body("assignedBy", equalTo(eu.callmatch.common.TestUsers.ADMIN));
        given().contentType(ContentType.JSON).body("{\"assignee\": \"" + bob + "\"}")
                .when().put("/api/v1/members/{id}/assignee", e).then().statusCode(200);
        decide(d, t1, "{\"status\": \"SHORTLISTED\"}");
        decide(d, t2, "{\"status\": \"CONTACTED\"}");
        decide(d, t3, "{\"status\": \"DISMISSED\", \"reasonCode\": \"NO_CAPACITY\"}");
        decide(e, t3, "{\"status\": \"SHORTLISTED\"}");
        decide(e, t4, "{\"status\": \"SHORTLISTED\"}");

        given().queryParam("status", "SHORTLISTED,CONTACTED").queryParam("assignee", alice)
                .when().get("/api/v1/triage")
                .then().statusCode(200).body("total", equalTo(2)).body("items.call.identifier", contains(t2, t1))
                .body("items[0].call.daysToDeadline", equalTo(10)).body("items[0].assignee", equalTo(alice));
        given().queryParam("status", "SHORTLISTED,CONTACTED,DISMISSED").queryParam("assignee", alice)
                .when().get("/api/v1/triage")
                .then().statusCode(200).body("items.call.identifier", contains(t2, t3, t1))
                .body("items[1].reasonCode", equalTo("NO_CAPACITY"));
        given().queryParam("status", "SHORTLISTED,CONTACTED,DISMISSED").queryParam("assignee", alice)
                .queryParam("deadlineBefore", TODAY.plusDays(31).toString())
                .when().get("/api/v1/triage")
                .then().statusCode(200).body("items.call.identifier", contains(t2, t3));
        // a call with no deadline ahead comes last
        given().queryParam("status", "SHORTLISTED").queryParam("assignee", bob)
                .when().get("/api/v1/triage")
                .then().statusCode(200).body("items.call.identifier", contains(t3, t4))
                .body("items.member.id", contains((int) e, (int) e));
        given().queryParam("status", "SHORTLISTED").queryParam("assignee", bob).queryParam("size", 1)
                .queryParam("page", 1)
                .when().get("/api/v1/triage")
                .then().statusCode(200).body("items.call.identifier", contains(t4)).body("total", equalTo(2));
        // the NEW default: nothing of these members was alerted
        given().queryParam("member", d).when().get("/api/v1/triage")
                .then().statusCode(200).body("items", empty());

        // the pipeline: what D goes on with, soonest deadline first, without the dismissal
        given().when().get("/api/v1/members/{id}/pipeline", d)
                .then().statusCode(200).body("items.call.identifier", contains(t2, t1))
                .body("items.status", contains("CONTACTED", "SHORTLISTED"))
                .body("items[0].call.daysToDeadline", equalTo(10));

        given().when().delete("/api/v1/members/{id}/assignee", d).then().statusCode(204);
        given().when().get("/api/v1/members/{id}/assignee", d).then().statusCode(404);
        given().queryParam("status", "SHORTLISTED,CONTACTED").queryParam("assignee", alice)
                .when().get("/api/v1/triage").then().statusCode(200).body("total", equalTo(0));
    }

    // --- decisions ---

    @Test
    void decisionsKeepTheirHistoryAndAreValidated() {
        String u = uid();
        String programme = "Workflow Decisions " + u;
        String slashed = "EuropeAid/" + u + "/DD/ACT/Multi";
        putCall(slashed, programme, "Development cooperation", "Aid.", TODAY.plusDays(20));
        long m = member("Decider " + u, WIND_PROFILE, programme);
        decide(m, slashed, "{\"status\": \"SHORTLISTED\", \"note\": \"worth a look\"}");
        given().contentType(ContentType.JSON).body("{\"status\": \"APPLYING\", \"note\": \"coordinator found\"}")
                .when().put("/api/v1/members/{id}/calls/{call}/decision", m, slashed)
                .then().statusCode(200).body("status", equalTo("APPLYING")).body("call.identifier", equalTo(slashed))
                .body("note", equalTo("coordinator found")).body("decidedBy", equalTo(eu.callmatch.common.TestUsers.ADMIN))
                .body("history.status", contains("SHORTLISTED", "APPLYING"))
                .body("history.note", contains("worth a look", "coordinator found"));

        given().contentType(ContentType.JSON).body("{\"status\": \"DISMISSED\"}")
                .when().put("/api/v1/members/{id}/calls/{call}/decision", m, slashed)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("reasonCode"));
        given().contentType(ContentType.JSON).body("{\"status\": \"SHORTLISTED\", \"reasonCode\": \"OTHER\"}")
                .when().put("/api/v1/members/{id}/calls/{call}/decision", m, slashed)
                .then().statusCode(400).body("violations[0].field", equalTo("reasonCode"));
        given().contentType(ContentType.JSON).body("{\"status\": \"MAYBE\"}")
                .when().put("/api/v1/members/{id}/calls/{call}/decision", m, slashed)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/members/{id}/calls/{call}/decision", m, slashed)
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"status\": \"SHORTLISTED\"}")
                .when().put("/api/v1/members/{id}/calls/{call}/decision", m, "HORIZON-WF-NOPE-" + u)
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"status\": \"SHORTLISTED\"}")
                .when().put("/api/v1/members/{id}/calls/{call}/decision", Long.MAX_VALUE, slashed)
                .then().statusCode(404);
        given().when().get("/api/v1/members/{id}/calls/{call}/decision", m, "HORIZON-WF-NOPE-" + u)
                .then().statusCode(404);
        given().queryParam("status", "LATER").when().get("/api/v1/triage").then().statusCode(400);
        given().queryParam("since", "yesterday").when().get("/api/v1/members/{id}/alerts", m).then().statusCode(400);
        given().queryParam("member", "abc").when().get("/api/v1/alerts").then().statusCode(400);
        given().queryParam("format", "xml").when().get("/api/v1/decisions/export").then().statusCode(400);
    }

    @Test
    void theExportRoundTripsAsJsonAndCsv() throws IOException {
        String u = uid();
        String programme = "Workflow Export " + u;
        String x = "HORIZON-WF-" + u + "-X";
        String y = "HORIZON-WF-" + u + "-Y";
        putCall(x, programme, "Export x", "X.", TODAY.plusDays(20));
        putCall(y, programme, "Export y", "Y.", TODAY.plusDays(25));
        long m = member("Exporter, \\\"quoted\\\" " + u, WIND_PROFILE, programme);
        decide(m, x, "{\"status\": \"SHORTLISTED\", \"note\": \"fits, \\\"really\\\"\\nwell\"}");
        decide(m, y, "{\"status\": \"DISMISSED\", \"reasonCode\": \"NOT_ELIGIBLE\"}");
        decide(m, x, "{\"status\": \"SUBMITTED\", \"note\": \"sent, on time\"}");

        JsonPath json = given().queryParam("member", m).when().get("/api/v1/decisions/export")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(List.of(x, y), json.getList("callIdentifier"));
        assertEquals(List.of("SUBMITTED", "DISMISSED"), json.getList("decision"));
        given().queryParam("member", m).queryParam("history", true).when().get("/api/v1/decisions/export")
                .then().statusCode(200).body("decision", contains("SHORTLISTED", "SUBMITTED", "DISMISSED"))
                .body("[0].note", equalTo("fits, \"really\"\nwell"));

        for (var request : List.of(given().accept("text/csv").queryParam("member", m).queryParam("history", true),
                given().queryParam("format", "csv").queryParam("member", m).queryParam("history", true))) {
            String csv = request.when().get("/api/v1/decisions/export")
                    .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
            assertTrue(csv.startsWith("\uFEFF"), "a byte-order mark, for Excel");
            csv = csv.substring(1);
            JsonPath all = given().queryParam("member", m).queryParam("history", true)
                    .when().get("/api/v1/decisions/export").then().extract().jsonPath();
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv)).getRecords();
            assertEquals(3, records.size());
            List<Map<String, String>> fromCsv = new ArrayList<>();
            records.forEach(r -> fromCsv.add(r.toMap()));
            for (int i = 0; i < records.size(); i++) {
                Map<String, Object> item = all.getMap("[" + i + "]");
                for (String field : List.of("memberId", "memberName", "callIdentifier", "decision", "reasonCode",
                        "decidedBy", "note")) {
                    Object value = item.get(field);
                    assertEquals(value == null ? "" : value.toString(), fromCsv.get(i).get(field), field);
                }
                assertEquals(java.time.OffsetDateTime.parse((String) item.get("decidedAt")).toInstant(),
                        java.time.OffsetDateTime.parse(fromCsv.get(i).get("decidedAt")).toInstant());
            }
        }
    }

    // --- decisions shape the ranking ---

    @Test
    void decisionsMoveLaterRankingsInTheirDirection() {
        String u = uid();
        String programme = "Workflow Feedback " + u;
        String w1 = "HORIZON-WF-" + u + "-W1";
        String w2 = "HORIZON-WF-" + u + "-W2";
        String s1 = "HORIZON-WF-" + u + "-S1";
        String s2 = "HORIZON-WF-" + u + "-S2";
        putCall(w1, programme, "Floating offshore wind turbine moorings",
                "Lighter moorings and anchors for floating offshore wind turbines.", TODAY.plusDays(40));
        putCall(w2, programme, "Inspection of floating offshore wind turbines",
                "Robots that inspect floating offshore wind turbines and their moorings.", TODAY.plusDays(40));
        putCall(s1, programme, "Soil health living labs",
                "Living labs where farmers and researchers restore soil health.", TODAY.plusDays(40));
        putCall(s2, programme, "Soil health monitoring in living labs",
                "Sensors to monitor soil health in living labs with farmers.", TODAY.plusDays(40));
        long m = member("Sensors " + u, "We develop sensors and robots for offshore wind turbines and for soil "
                + "health monitoring on farms.", programme);

        awaitVectors(m, List.of(w1, w2, s1, s2));
        JsonPath undecided = given().when().get("/api/v1/members/{id}/call-matches", m)
                .then().statusCode(200).extract().jsonPath();
        assertTrue(undecided.getList("items.reasons.flatten()", String.class).stream()
                .noneMatch(r -> r.startsWith("ranked")), "no decisions, nothing moved");
        decide(m, s1, "{\"status\": \"SHORTLISTED\"}");
        decide(m, w1, "{\"status\": \"DISMISSED\", \"reasonCode\": \"NOT_RELEVANT\"}");
        // the profile alone and with the decisions, back to back (other tests' imports move the index's statistics)
        Map<String, Double> plain = scores(m, false);
        JsonPath after = given().when().get("/api/v1/members/{id}/call-matches", m)
                .then().statusCode(200).extract().jsonPath();
        Map<String, Double> now = scores(after);

        assertTrue(now.get(s2) - now.get(w2) > plain.get(s2) - plain.get(w2),
                "soil over wind should grow: without " + plain + ", with " + now);
        assertTrue(now.get(s2) > plain.get(s2), "S2 up: " + plain + " -> " + now);
        assertTrue(now.get(w2) < plain.get(w2), "W2 down: " + plain + " -> " + now);
        assertTrue(now.get(s1) > plain.get(s1), "S1 up: " + plain + " -> " + now);
        assertEquals(w1, after.getString("items[-1].call.identifier"), "the dismissed call last: " + now);
        assertTrue(reasons(after, s2).stream().anyMatch(r -> r.startsWith("ranked up: similar to " + s1 + " you shortlisted")),
                reasons(after, s2).toString());
        assertTrue(reasons(after, w2).stream().anyMatch(r -> r.startsWith("ranked down: similar to " + w1
                + " you dismissed as not relevant")), reasons(after, w2).toString());
        assertTrue(reasons(after, w1).contains("ranked down: a call you dismissed as not relevant"));
        // a dismissal for lack of capacity says nothing about the topic
        decide(m, w1, "{\"status\": \"DISMISSED\", \"reasonCode\": \"NO_CAPACITY\"}");
        assertTrue(reasons(given().when().get("/api/v1/members/{id}/call-matches", m).then().extract().jsonPath(), w2)
                .stream().noneMatch(r -> r.startsWith("ranked down")));
    }

    private static Map<String, Double> scores(long member, boolean feedback) {
        return scores(given().queryParam("feedback", feedback).when().get("/api/v1/members/{id}/call-matches", member)
                .then().statusCode(200).extract().jsonPath());
    }

    private static Map<String, Double> scores(JsonPath page) {
        Map<String, Double> scores = new java.util.TreeMap<>();
        List<String> ids = page.getList("items.call.identifier");
        List<Float> values = page.getList("items.score", Float.class);
        for (int i = 0; i < ids.size(); i++) {
            scores.put(ids.get(i), (double) values.get(i));
        }
        return scores;
    }

    /**
     * Waits until these calls, among the member's matches, have their vectors: an edit applied among many changes at
     * once (other tests' imports) gets its vector in the background, and decisions move only calls compared in
     * meaning.
     */
    private static void awaitVectors(long member, List<String> calls) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonPath page = given().queryParam("feedback", false).when()
                    .get("/api/v1/members/{id}/call-matches", member).then().statusCode(200).extract().jsonPath();
            boolean pending = calls.stream().anyMatch(c -> reasons(page, c) == null
                    || reasons(page, c).stream().anyMatch(r -> r.startsWith("not compared in meaning yet")));
            if (!pending) {
                return;
            }
            assertTrue(System.nanoTime() < until, "the calls' vectors within a minute: " + page.prettify());
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> reasons(JsonPath page, String call) {
        return page.getList("items.find { it.call.identifier == '" + call + "' }.reasons", String.class);
    }
}
