package eu.callmatch.calls;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Cascade-funding calls are calls of their own: found by kind and by their topic, matched with what sets them apart. */
@QuarkusTest
class CascadeFundingCallsTest {

    /** A programme of this class's own: the other test classes' calls never pass the filter. */
    static final String PROGRAMME = "Cascade Test Programme";
    static final String TOPIC = "HORIZON-CL4-2031-CT-01-07";
    static final String CASCADE = TOPIC + "-CASCADE-9001";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Brussels"));

    @BeforeEach
    void calls() {
        put(TOPIC, """
                {"title": "Robotics for agile production", "programme": "%s", "kind": "TOPIC",
                 "deadlines": ["%s"], "description": "Research on robots for small factories."}
                """.formatted(PROGRAMME, TODAY.plusDays(60)));
        put(CASCADE, """
                {"title": "ROBOFAB Open Call 2", "programme": "%s", "kind": "CASCADE_FUNDING", "parentTopic": "%s",
                 "deadlines": ["%s"], "budgetMax": 60000,
                 "description": "Small manufacturers apply alone to test collaborative robots in their factory."}
                """.formatted(PROGRAMME, TOPIC, TODAY.plusDays(20)));
    }

    private static void put(String id, String json) {
        given().contentType(ContentType.JSON).body(json).when().put("/api/v1/calls/{id}", id)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    @Test
    void aCascadeFundingCallIsFoundByKindAndByItsTopic() {
        given().queryParam("programme", PROGRAMME).queryParam("kind", "CASCADE_FUNDING")
                .when().get("/api/v1/calls").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].identifier", equalTo(CASCADE))
                .body("items[0].parentTopic", equalTo(TOPIC));
        given().queryParam("programme", PROGRAMME).when().get("/api/v1/calls").then().statusCode(200)
                .body("facets.kind.CASCADE_FUNDING", equalTo(1))
                .body("facets.kind.TOPIC", equalTo(1));
        given().queryParam("parentTopic", TOPIC).when().get("/api/v1/calls").then().statusCode(200)
                .body("items.identifier", equalTo(java.util.List.of(CASCADE)));
        // the topic's identifier, pasted, finds the topic and the calls under it
        given().queryParam("q", TOPIC).queryParam("programme", PROGRAMME).when().get("/api/v1/calls").then()
                .statusCode(200).body("total", equalTo(2));
        given().queryParam("kind", "GRANT").when().get("/api/v1/calls").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aMatchOnACascadeFundingCallSaysWhatSetsItApart() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"description": "We are a small manufacturer testing collaborative robots in our factory.",
                         "keywords": ["collaborative robots"], "country": "FR", "organisationType": "SME", "sme": true,
                         "programmes": []}
                        """)
                .queryParam("programme", PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("items.find { it.call.identifier == '" + CASCADE + "' }.reasons", hasItem(
                        "cascade funding by ROBOFAB Open Call 2 (funded under " + TOPIC + "): apply to the project, "
                                + "not to the Commission; EUR 60,000 in all"))
                .body("items.find { it.call.identifier == '" + TOPIC + "' }.reasons",
                        not(hasItem(startsWith("cascade funding"))));
    }
}
