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
        JsonPath hits = awaitHits(search, 1);
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

    private static JsonPath awaitHits(long search, int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            JsonPath hits = given().queryParam("search", search).when().get("/api/v1/saved-searches/hits")
                    .then().statusCode(200).extract().jsonPath();
            if (hits.getInt("total") >= count) {
                return hits;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("saved search " + search + " got no hits in time");
    }
}
