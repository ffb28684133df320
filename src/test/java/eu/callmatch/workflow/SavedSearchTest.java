package eu.callmatch.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static eu.callmatch.workflow.WorkflowResourceTest.TODAY;
import static eu.callmatch.workflow.WorkflowResourceTest.callLine;
import static eu.callmatch.workflow.WorkflowResourceTest.importAndAwaitAlerts;
import static eu.callmatch.workflow.WorkflowResourceTest.uid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A staff user's saved search raises hits after calls imports, once per call, and is theirs alone. */
@QuarkusTest
class SavedSearchTest {

    @Test
    void anImportRaisesTheHitsOfASavedSearch() throws InterruptedException {
        String u = uid();
        String programme = "Saved Search " + u;
        String moorings = "HORIZON-SS-" + u + "-MOOR";
        String soil = "HORIZON-SS-" + u + "-SOIL";
        long search = given().contentType(ContentType.JSON)
                .body("{\"name\": \"Moorings " + u + "\", \"q\": \"moorings\", \"programme\": \"" + programme + "\", "
                        + "\"status\": \"open,forthcoming\"}")
                .when().post("/api/v1/saved-searches")
                .then().statusCode(201).header("Location", notNullValue())
                .body("status", equalTo("OPEN,FORTHCOMING")).body("owner", notNullValue())
                .extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body("{\"name\": \"Moorings " + u + "\"}")
                .when().post("/api/v1/saved-searches").then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"q\": \"wind\"}")
                .when().post("/api/v1/saved-searches").then().statusCode(400).contentType("application/problem+json");

        String mooringLine = callLine(moorings, programme, "Lighter moorings for floating wind",
                "Moorings and anchors for floating offshore wind.", TODAY.plusDays(40), 1_000_000);
        long run = importAndAwaitAlerts("ss-" + u, mooringLine,
                callLine(soil, programme, "Soil health labs", "Living labs for soil.", TODAY.plusDays(50), 1_000_000));
        JsonPath hits = awaitHits(null, search, 1);
        assertEquals(List.of(moorings), hits.getList("items.callIdentifier"));
        assertEquals(run, hits.getLong("items[0].importRun"));
        assertEquals("Moorings " + u, hits.getString("items[0].searchName"));

        // the call changes again: still one hit for it
        importAndAwaitAlerts("ss-" + u, callLine(moorings, programme, "Lighter moorings for floating wind",
                "Moorings and anchors for floating offshore wind.", TODAY.plusDays(45), 1_000_000));
        Thread.sleep(2000);
        given().queryParam("search", search).when().get("/api/v1/saved-searches/hits")
                .then().statusCode(200).body("total", equalTo(1));

        // another staff user neither sees the search nor its hits
        given().auth().preemptive().basic(eu.callmatch.common.TestUsers.ADMIN, eu.callmatch.common.TestUsers.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"username\": \"ss-other-" + u.toLowerCase() + "\", \"password\": \"saved-search-pass-2026\", "
                        + "\"roles\": [\"staff\"]}")
                .when().post("/api/v1/users").then().statusCode(201);
        given().auth().preemptive().basic("ss-other-" + u.toLowerCase(), "saved-search-pass-2026")
                .when().get("/api/v1/saved-searches/{id}", search).then().statusCode(404);
        given().auth().preemptive().basic("ss-other-" + u.toLowerCase(), "saved-search-pass-2026")
                .when().get("/api/v1/saved-searches/hits").then().statusCode(200).body("total", equalTo(0));

        given().when().delete("/api/v1/saved-searches/{id}", search).then().statusCode(204);
        given().when().get("/api/v1/saved-searches/{id}", search).then().statusCode(404);
    }

    @Test
    void aHitIsTriagedByItsOwnerBesideTheMembersPairs() throws InterruptedException {
        String u = uid();
        String programme = "Saved Triage " + u;
        String wave = "HORIZON-ST-" + u + "-WAVE";
        String owner = "st-" + u.toLowerCase();
        given().contentType(ContentType.JSON)
                .body("{\"username\": \"" + owner + "\", \"password\": \"saved-search-pass-2026\", \"roles\": [\"staff\"]}")
                .when().post("/api/v1/users").then().statusCode(201);
        long search = as(owner).contentType(ContentType.JSON)
                .body("{\"name\": \"Waves " + u + "\", \"q\": \"wave energy\", \"programme\": \"" + programme + "\"}")
                .when().post("/api/v1/saved-searches").then().statusCode(201).body("digest", equalTo(true))
                .extract().jsonPath().getLong("id");
        // renamed, mail turned off: the filters still find the calls of the next import
        as(owner).contentType(ContentType.JSON)
                .body("{\"name\": \"Wave energy " + u + "\", \"q\": \"wave energy\", \"programme\": \"" + programme
                        + "\", \"digest\": false}")
                .when().put("/api/v1/saved-searches/{id}", search)
                .then().statusCode(200).body("name", equalTo("Wave energy " + u)).body("digest", equalTo(false));
        importAndAwaitAlerts("st-" + u, callLine(wave, programme, "Wave energy converters at sea",
                "Wave energy converters tested in open sea.", TODAY.plusDays(20), 2_000_000));
        awaitHits(owner, search, 1);

        // in the owner's triage queue, as a hit of the search, NEW
        JsonPath queue = given().queryParam("assignee", owner).when().get("/api/v1/triage")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, queue.getInt("total"));
        assertEquals("SAVED_SEARCH_HIT", queue.getString("items[0].kind"));
        assertEquals(wave, queue.getString("items[0].call.identifier"));
        assertEquals("Wave energy " + u, queue.getString("items[0].savedSearch.name"));
        assertEquals("NEW", queue.getString("items[0].status"));
        org.junit.jupiter.api.Assertions.assertNull(queue.get("items[0].member"));
        given().queryParam("assignee", owner).queryParam("kind", "MEMBER_CALL").when().get("/api/v1/triage")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("assignee", owner).queryParam("kind", "PAIR").when().get("/api/v1/triage")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("assignee", owner).queryParam("format", "csv").when().get("/api/v1/triage")
                .then().statusCode(200).body(org.hamcrest.Matchers.containsString("SAVED_SEARCH_HIT,,,Wave energy " + u + "," + owner + "," + wave));

        // dismissed by its owner: out of the NEW queue, in the DISMISSED one; nobody else can
        given().contentType(ContentType.JSON).body("{\"status\": \"DISMISSED\"}")
                .when().put("/api/v1/saved-searches/{id}/hits/{call}", search, wave).then().statusCode(404);
        as(owner).contentType(ContentType.JSON).body("{\"status\": \"APPLYING\"}")
                .when().put("/api/v1/saved-searches/{id}/hits/{call}", search, wave)
                .then().statusCode(400).contentType("application/problem+json");
        as(owner).contentType(ContentType.JSON).body("{\"status\": \"DISMISSED\"}")
                .when().put("/api/v1/saved-searches/{id}/hits/{call}", search, "HORIZON-NO-SUCH-" + u)
                .then().statusCode(404).contentType("application/problem+json");
        as(owner).contentType(ContentType.JSON).body("{\"status\": \"DISMISSED\"}")
                .when().put("/api/v1/saved-searches/{id}/hits/{call}", search, wave)
                .then().statusCode(200).body("status", equalTo("DISMISSED")).body("decidedBy", equalTo(owner));
        given().queryParam("assignee", owner).when().get("/api/v1/triage").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("assignee", owner).queryParam("status", "DISMISSED").when().get("/api/v1/triage")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].decidedAt", notNullValue());
        as(owner).queryParam("status", "NEW").when().get("/api/v1/saved-searches/hits")
                .then().statusCode(200).body("total", equalTo(0));
        as(owner).queryParam("status", "DISMISSED").when().get("/api/v1/saved-searches/hits")
                .then().statusCode(200).body("total", equalTo(1));
    }

    static io.restassured.specification.RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, "saved-search-pass-2026");
    }

    /** Waits for the search's hits, asking as its owner (null: the test admin; others have this file's password). */
    static JsonPath awaitHits(String owner, long search, int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            JsonPath hits = (owner == null ? given() : as(owner)).queryParam("search", search)
                    .when().get("/api/v1/saved-searches/hits").then().statusCode(200).extract().jsonPath();
            if (hits.getInt("total") >= count) {
                return hits;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("saved search " + search + " got no hits in time");
    }
}
