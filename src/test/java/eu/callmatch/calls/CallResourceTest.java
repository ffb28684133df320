package eu.callmatch.calls;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CallResourceTest {

    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Europe/Brussels"));

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static String callJson(String title, String programme, String actionType, LocalDate opening, LocalDate... deadlines) {
        StringBuilder d = new StringBuilder();
        for (LocalDate deadline : deadlines) {
            d.append(d.length() == 0 ? "" : ",").append('"').append(deadline).append('"');
        }
        return """
                {"title": "%s", "programme": "%s", "actionType": "%s", "openingDate": "%s", "deadlines": [%s],
                 "budgetMin": 2000000, "budgetMax": 3500000.50, "keywords": ["offshore wind", "moorings"],
                 "description": "Floating wind turbines for deep waters."}
                """.formatted(title, programme, actionType, opening, d);
    }

    @Test
    void putCreatesThenReplacesAndGetReadsBack() {
        String id = uniqueId("HORIZON-CL5-2026-D3");
        given().contentType(ContentType.JSON).body(callJson("Floating offshore wind", "Horizon Europe", "HORIZON-RIA",
                        TODAY.minusDays(10), TODAY.plusDays(30), TODAY.plusDays(20)))
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/calls/" + id))
                .body("identifier", equalTo(id))
                .body("status", equalTo("OPEN"))
                // deadlines are kept in order
                .body("deadlines", contains(TODAY.plusDays(20).toString(), TODAY.plusDays(30).toString()))
                .body("budgetMax", equalTo(3500000.50f))
                .body("createdAt", notNullValue());

        given().contentType(ContentType.JSON).body(callJson("Floating offshore wind, second round", "Horizon Europe",
                        "HORIZON-IA", TODAY.plusDays(5), TODAY.plusDays(60)))
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(200)
                .body("title", equalTo("Floating offshore wind, second round"))
                .body("status", equalTo("FORTHCOMING"));

        given().when().get("/api/v1/calls/{id}", id)
                .then().statusCode(200)
                .body("actionType", equalTo("HORIZON-IA"))
                .body("keywords", contains("offshore wind", "moorings"));
    }

    @Test
    void statusIsDerivedFromTheDatesNotFromAStaleSource() {
        String id = uniqueId("LIFE-2024-SAP");
        given().contentType(ContentType.JSON)
                .body("{\"title\": \"Nature and biodiversity\", \"status\": \"OPEN\", \"deadlines\": [\"" + TODAY.minusDays(3) + "\"]}")
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(201).body("status", equalTo("CLOSED"));
    }

    @Test
    void listFiltersByProgrammeStatusActionTypeAndDeadline() {
        String tag = uniqueId("FILTER");
        String open = tag + "-OPEN";
        String later = tag + "-LATER";
        String closed = tag + "-CLOSED";
        String programme = "Programme " + tag;
        put(open, callJson("A", programme, "HORIZON-RIA", TODAY.minusDays(1), TODAY.plusDays(10)));
        put(later, callJson("B", programme, "HORIZON-CSA", TODAY.plusDays(30), TODAY.plusDays(90)));
        put(closed, callJson("C", programme, "HORIZON-RIA", TODAY.minusDays(90), TODAY.minusDays(30)));

        given().queryParam("programme", programme).when().get("/api/v1/calls")
                .then().statusCode(200)
                .body("total", equalTo(3))
                // nearest deadline ahead first, closed calls last
                .body("items.identifier", contains(open, later, closed));
        given().queryParam("programme", programme).queryParam("status", "OPEN,FORTHCOMING").when().get("/api/v1/calls")
                .then().body("items.identifier", contains(open, later));
        given().queryParam("programme", programme).queryParam("actionType", "HORIZON-RIA").when().get("/api/v1/calls")
                .then().body("items.identifier", contains(open, closed));
        given().queryParam("programme", programme).queryParam("deadlineFrom", TODAY.plusDays(50).toString())
                .when().get("/api/v1/calls")
                .then().body("items.identifier", contains(later));
        given().queryParam("programme", programme).queryParam("deadlineTo", TODAY.toString())
                .when().get("/api/v1/calls")
                .then().body("items.identifier", contains(closed));
        // newest opening first
        given().queryParam("programme", programme).queryParam("sort", "openingDate").queryParam("size", 2)
                .when().get("/api/v1/calls")
                .then().body("items.identifier", contains(later, open))
                .body("size", equalTo(2)).body("page", equalTo(0)).body("total", equalTo(3));
        given().queryParam("programme", programme).queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/v1/calls")
                .then().body("items.identifier", contains(closed));
    }

    @Test
    void fieldsGiveAListOnlyThePropertiesItShows() {
        String id = uniqueId("HORIZON-FIELDS");
        String programme = "Programme " + id;
        put(id, callJson("Floating offshore wind", programme, "HORIZON-RIA", TODAY.minusDays(1), TODAY.plusDays(10)));

        given().queryParam("programme", programme).queryParam("q", "floating")
                .queryParam("fields", "deadlines, programme").when().get("/api/v1/calls")
                .then().statusCode(200)
                .body("total", equalTo(1))
                // the identifier and the title always come, and the snippet
                .body("items[0].keySet()", containsInAnyOrder("identifier", "title", "programme", "deadlines",
                        "snippet"))
                .body("items[0].programme", equalTo(programme))
                .body("items[0].deadlines", contains(TODAY.plusDays(10).toString()))
                .body("items[0].snippet", containsString("<em>Floating</em>"));
        given().queryParam("programme", programme).queryParam("fields", "description,keywords")
                .when().get("/api/v1/calls")
                .then().statusCode(200)
                .body("items[0].keySet()", containsInAnyOrder("identifier", "title", "description", "keywords",
                        "snippet"))
                .body("items[0].description", equalTo("Floating wind turbines for deep waters."));
        // a table keeps its columns
        given().queryParam("programme", programme).queryParam("fields", "title").queryParam("format", "csv")
                .when().get("/api/v1/calls")
                .then().statusCode(200)
                .body(containsString(programme + ",,HORIZON-RIA,OPEN,")); // no cluster
        given().queryParam("fields", "title,colour,budget").when().get("/api/v1/calls")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("fields"))
                .body("detail", containsString("'colour', 'budget' are not properties of a call"))
                .body("detail", containsString("its properties are identifier, callIdentifier, title"));
    }

    @Test
    void deleteRemovesTheCall() {
        String id = uniqueId("DIGITAL-2026-AI");
        put(id, callJson("AI testing facilities", "Digital Europe", "DIGITAL-SIMPLE", TODAY, TODAY.plusDays(5)));
        given().when().delete("/api/v1/calls/{id}", id).then().statusCode(204);
        given().when().get("/api/v1/calls/{id}", id).then().statusCode(404);
        given().when().delete("/api/v1/calls/{id}", id).then().statusCode(404);
    }

    @Test
    void unknownCallIsAProblem404() {
        given().when().get("/api/v1/calls/{id}", "HORIZON-NOPE-0000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("HORIZON-NOPE-0000"))
                .body("instance", equalTo("/api/v1/calls/HORIZON-NOPE-0000"));
    }

    @Test
    void invalidCallsAreProblem400sNamingTheFields() {
        String id = uniqueId("HORIZON-BAD");
        given().contentType(ContentType.JSON).body("{\"title\": \" \", \"budgetMax\": -5}")
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations", hasSize(2))
                .body("violations.field", contains("budgetMax", "title"))
                .body("violations.in", everyItem(equalTo("body")));
        given().contentType(ContentType.JSON).body("{\"identifier\": \"OTHER-ID\", \"title\": \"x\"}")
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(400).body("violations[0].field", equalTo("identifier"));
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"deadlines\": [\"31/12/2026\"]}")
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("deadlines[0]"));
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"status\": \"MAYBE\"}")
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(400).body("violations[0].field", equalTo("status"));
        given().contentType(ContentType.JSON).body("{\"title\": ")
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
        // valid for the API, refused by the database: still the client's error, and nothing stored
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"budgetMax\": 1e20}")
                .when().put("/api/v1/calls/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("numeric field overflow"));
        given().when().get("/api/v1/calls/{id}", id).then().statusCode(404);
    }

    @Test
    void badQueryParametersAreProblem400s() {
        given().queryParam("size", 500).when().get("/api/v1/calls")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].field", equalTo("size"));
        given().queryParam("status", "OPEN,SOMETIMES").when().get("/api/v1/calls")
                .then().statusCode(400).body("violations[0].field", equalTo("status"));
        given().queryParam("deadlineFrom", "tomorrow").when().get("/api/v1/calls")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("sort", "random").when().get("/api/v1/calls")
                .then().statusCode(400).body("violations[0].field", equalTo("sort"));
        given().queryParam("deadlineFrom", "2026-05-01").queryParam("deadlineTo", "2026-01-01").when().get("/api/v1/calls")
                .then().statusCode(400).body("violations[0].field", equalTo("deadlineTo"));
    }

    @Test
    void wrongMethodMediaTypeAndAcceptAreProblems() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/calls/ANY-ID")
                .then().statusCode(405).contentType("application/problem+json");
        given().contentType(ContentType.XML).body("<call/>").when().put("/api/v1/calls/ANY-ID")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        given().accept("application/pdf").when().get("/api/v1/calls")
                .then().statusCode(406).contentType("application/problem+json");
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static void put(String id, String json) {
        given().contentType(ContentType.JSON).body(json).when().put("/api/v1/calls/{id}", id)
                .then().statusCode(201);
    }
}
