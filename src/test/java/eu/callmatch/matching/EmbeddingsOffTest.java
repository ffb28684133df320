package eu.callmatch.matching;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** With embeddings and the learned weights off, matching is lexical only, hand-weighted, and still answers. */
@QuarkusTest
@TestProfile(EmbeddingsOffTest.Off.class)
public class EmbeddingsOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callmatch.matching.embeddings.enabled", "false",
                    "callmatch.matching.learned-ranking", "false");
        }
    }

    @Test
    void callMatchesAreLexical() {
        given().contentType(ContentType.JSON).body(MatchingResourceTest.callJson(
                        "Floating offshore wind turbines and their moorings", "Moorings.", "HORIZON-RIA",
                        MatchingResourceTest.TODAY.plusDays(12)))
                .when().put("/api/v1/calls/{id}", MatchingResourceTest.WIND).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        given().contentType(ContentType.JSON)
                .body(MatchingResourceTest.profile("Moorings for floating wind turbines."))
                .queryParam("programme", MatchingResourceTest.PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("items[0].call.identifier", equalTo(MatchingResourceTest.WIND))
                .body("items[0].reasons", hasItem(startsWith("profile terms in the title")))
                .body("items[0].reasons", not(hasItem(startsWith("close in meaning"))));
        given().queryParam("source", "ORGANISATIONS")
                .when().get("/api/v1/calls/{id}/partner-matches", MatchingResourceTest.WIND)
                .then().statusCode(200);
    }
}
