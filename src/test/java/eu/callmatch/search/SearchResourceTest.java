package eu.callmatch.search;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The search API over the real indexes, kept in step with the real database. */
@QuarkusTest
class SearchResourceTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Brussels"));

    @Inject
    CallService calls;

    /** A made-up word no other test uses, so that a search finds only this test's records. */
    static String word() {
        Random random = new Random();
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    static void putCall(String id, String title, String programme, String status, String cluster, long budgetMin,
                        LocalDate deadline) {
        given().contentType(ContentType.JSON).body("""
                        {"title": "%s", "programme": "%s", "cluster": "%s", "status": "%s", "budgetMin": %d,
                         "actionType": "HORIZON-RIA", "deadlines": ["%s"], "keywords": ["marine robotics"],
                         "description": "Autonomous systems for the inspection of offshore structures."}
                        """.formatted(title, programme, cluster, status, budgetMin, deadline))
                .when().put("/api/v1/calls/{id}", id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    void freeTextFindsCallsWithSnippetsAndFacets() {
        String w = word();
        putCall("S-" + w + "-1", "Floating wind turbines " + w, "Horizon Europe", "OPEN", "CL5", 3_000_000, TODAY.plusDays(40));
        putCall("S-" + w + "-2", "Energía renovable " + w, "Digital Europe", "OPEN", "CL4", 500_000, TODAY.plusDays(20));
        putCall("S-" + w + "-3", "Closed topic " + w, "Horizon Europe", "CLOSED", "CL5", 1_000_000, TODAY.minusDays(20));

        given().queryParam("q", w).when().get("/api/v1/calls")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items[0].snippet", containsString("<em>" + w + "</em>"))
                .body("facets.programme.'Horizon Europe'", equalTo(2))
                .body("facets.status.OPEN", equalTo(2))
                .body("facets.cluster.CL5", equalTo(2));
        // filters, AND-ed across fields, OR-ed within one
        given().queryParam("q", w).queryParam("programme", "Horizon Europe").queryParam("status", "OPEN")
                .when().get("/api/v1/calls").then().body("items.identifier", contains("S-" + w + "-1"));
        given().queryParam("q", w).queryParam("cluster", "CL4,CL5").queryParam("budgetMin", 1_000_000)
                .when().get("/api/v1/calls").then().body("total", equalTo(2));
        given().queryParam("q", w).queryParam("deadlineFrom", TODAY.toString()).queryParam("deadlineTo", TODAY.plusDays(30).toString())
                .when().get("/api/v1/calls").then().body("items.identifier", contains("S-" + w + "-2"));
        // stemming and accent folding
        given().queryParam("q", "turbine " + w).when().get("/api/v1/calls").then().body("items.identifier", hasItem("S-" + w + "-1"));
        given().queryParam("q", "energia " + w).when().get("/api/v1/calls").then().body("items.identifier", contains("S-" + w + "-2"));
        // a phrase, and an excluded word
        given().queryParam("q", "\"wind turbines\" " + w).when().get("/api/v1/calls").then().body("total", equalTo(1));
        given().queryParam("q", w + " -closed").when().get("/api/v1/calls").then().body("total", equalTo(2));
        // without q: calls that can still be applied to first, nearest deadline first
        given().queryParam("cluster", "CL4,CL5").queryParam("programme", "Digital Europe,Horizon Europe").queryParam("q", w)
                .queryParam("sort", "deadline").when().get("/api/v1/calls")
                .then().body("items.identifier", contains("S-" + w + "-2", "S-" + w + "-1", "S-" + w + "-3"));
    }

    @Test
    void aQueryNeverCausesA500() {
        for (String q : List.of("AND OR (((", "title:\"unbalanced", "*", "?", "~2", "\\", "a:b:c", "[1 TO 5]", "{}",
                "🔥 énergie ñ 風力", "' OR 1=1; DROP TABLE call; --", "NOT", "-", "\"\"", "x".repeat(999))) {
            given().queryParam("q", q).when().get("/api/v1/calls").then().statusCode(200);
            given().queryParam("q", q).when().get("/api/v1/members").then().statusCode(200);
            given().queryParam("q", q).when().get("/api/v1/organisations").then().statusCode(200);
        }
        given().queryParam("q", "x".repeat(1001)).when().get("/api/v1/calls")
                .then().statusCode(400).body("violations[0].field", equalTo("q"));
        // a NUL character is refused in any parameter (NoNulParameters): PostgreSQL takes none in a text
        given().queryParam("q", "\u0000").when().get("/api/v1/calls")
                .then().statusCode(400).body("violations[0].field", equalTo("q"));
    }

    @Test
    void aWriteIsSearchableWhenTheRequestReturnsAndADeleteIsGone() {
        String w = word();
        String w2 = word();
        String id = "RYW-" + w;
        putCall(id, "First title " + w, "Horizon Europe", "OPEN", "CL5", 1, TODAY.plusDays(9));
        given().queryParam("q", w).when().get("/api/v1/calls").then().body("items.identifier", contains(id));
        putCall(id, "Second title " + w2, "Horizon Europe", "OPEN", "CL5", 1, TODAY.plusDays(9));
        given().queryParam("q", w).when().get("/api/v1/calls").then().body("total", equalTo(0));
        given().queryParam("q", w2).when().get("/api/v1/calls").then().body("items.identifier", contains(id));
        given().when().delete("/api/v1/calls/{id}", id).then().statusCode(204);
        given().queryParam("q", w2).when().get("/api/v1/calls").then().body("total", equalTo(0));
    }

    @Test
    void aRolledBackWriteLeavesNoTraceInTheIndex() {
        String w = word();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            calls.upsert(new CallDto("RB-" + w, null, "Rolled back " + w, null, null, null, null, null, null, null,
                    List.of(), null, null, null, null, null, null, List.of(), null, null, null, null, null, null, null));
            throw new IllegalStateException("the transaction fails after the write");
        }));
        given().queryParam("q", w).when().get("/api/v1/calls").then().body("total", equalTo(0));
        given().when().get("/api/v1/calls/RB-" + w).then().statusCode(404);
    }

    @Test
    void membersAreFoundByWhatTheyDoNeverByTheirContact() {
        String w = word();
        long id = given().contentType(ContentType.JSON).body("""
                {"name": "Searchable %s", "country": "PT", "organisationType": "SME",
                 "description": "Drones for %s inspection", "keywords": ["hull cleaning"],
                 "contact": {"name": "Private Person", "email": "%s@example.com"}}
                """.formatted(w, w, w + "mail")).when().post("/api/v1/members").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().queryParam("q", w).when().get("/api/v1/members").then().statusCode(200)
                .body("items.id", contains((int) id))
                .body("facets.country.PT", greaterThanOrEqualTo(1));
        given().queryParam("q", w + "mail").when().get("/api/v1/members").then().body("total", equalTo(0));
        given().queryParam("q", "Private Person").when().get("/api/v1/members").then()
                .body("items.id", not(hasItem((int) id)));
    }

    @Test
    void adminReportsTheIndexesAndRebuildsThemWhileSearchesGoOn() throws InterruptedException {
        String w = word();
        putCall("RI-" + w, "Reindexed " + w, "Horizon Europe", "OPEN", "CL5", 1, TODAY.plusDays(9));
        given().when().get("/api/v1/admin/index").then().statusCode(200)
                .body("ready", equalTo(true))
                .body("indexes.kind", contains("CALLS", "MEMBERS", "ORGANISATIONS"));
        given().queryParam("kind", "CALLS").when().post("/api/v1/admin/reindex").then().statusCode(202);
        boolean rebuilding = true;
        for (int i = 0; i < 100 && rebuilding; i++) {
            given().queryParam("q", w).when().get("/api/v1/calls").then().statusCode(200);
            rebuilding = given().when().get("/api/v1/admin/index").then().extract().path("indexes[0].rebuilding");
            Thread.sleep(100);
        }
        given().when().get("/api/v1/admin/index").then()
                .body("indexes[0].rebuilding", equalTo(false))
                .body("indexes[0].rebuildFinishedAt", org.hamcrest.Matchers.notNullValue())
                .body("indexes[0].rebuildError", org.hamcrest.Matchers.nullValue())
                // a rebuilt index has at least the segment of its documents; merging is there, true or false
                .body("indexes[0].segments", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("indexes[0].merging", org.hamcrest.Matchers.instanceOf(Boolean.class));
        String metrics = eu.callmatch.common.MetricsTest.metrics();
        org.junit.jupiter.api.Assertions.assertTrue(eu.callmatch.common.MetricsTest.value(metrics,
                "callmatch_index_segments", "index=\"calls\"") >= 1, "the segments gauge");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.lines().anyMatch(l -> l.matches(
                "callmatch_index_merging\\{index=\"calls\"[^}]*} [01]\\.0")), "the merging gauge");
        given().queryParam("q", w).when().get("/api/v1/calls").then().body("items.identifier", contains("RI-" + w));
        given().queryParam("kind", "EVERYTHING").when().post("/api/v1/admin/reindex").then().statusCode(400);
        given().when().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("Search indexes"));
    }
}
