package eu.callmatch.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Findings of an outside fuzz of the API (issue 20): parameters and bodies that do not parse are a 400 that names the
 * parameter or field in the caller's words, never a 404, a 5xx, an empty body or a Java or Jackson name.
 */
@QuarkusTest
class HostileParametersTest {

    private static void noInternals(Response response) {
        String body = response.asString();
        for (String internal : new String[]{"java.", "eu.callmatch", "com.fasterxml", "Jackson", "JsonReadFeature",
                "PSQLException", "org.postgresql", "ArrayList", "MatchProfileDto"}) {
            assertFalse(body.contains(internal), () -> "the error names " + internal + ": " + body);
        }
    }

    @Test
    void anIntegerThatDoesNotParseIsA400NamingTheParameter() {
        Response r = given().when().get("/api/v1/calls?size=abc");
        r.then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].field", equalTo("size"));
        noInternals(r);
        given().when().get("/api/v1/calls/HORIZON-X/consortium?lead=abc").then().statusCode(400)
                .body("violations[0].field", equalTo("lead"));
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        Response r = given().when().get("/api/v1/organisations?sme=yes");
        r.then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("sme"))
                .body("violations[0].message", containsString("true or false"));
        noInternals(r);
        given().when().get("/api/v1/organisations?sme=TRUE").then().statusCode(200);
        given().when().get("/api/v1/organisations?sme=false").then().statusCode(200);
    }

    @Test
    void aKeyGivenTwiceIsA400NamingTheKey() {
        Response r = given().contentType(ContentType.JSON)
                .body("{\"description\": \"Offshore wind\", \"keywords\": [\"wind\"], \"description\": \"Soil\"}")
                .when().post("/api/v1/call-matches");
        r.then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("description"));
        noInternals(r);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithoutJavaTypes() {
        Response r = given().contentType(ContentType.JSON).body("{\"description\": \"Wind\", \"keywords\": \"wind\"}")
                .when().post("/api/v1/call-matches");
        r.then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("keywords"));
        noInternals(r);
        Response nan = given().contentType(ContentType.JSON).body("{\"description\": \"Wind\", \"limit\": NaN}")
                .when().post("/api/v1/call-matches");
        nan.then().statusCode(400).contentType("application/problem+json");
        noInternals(nan);
    }

    @Test
    void aNulCharacterInABodyIsA400NamingTheFieldNotPostgresWords() {
        Response r = given().contentType(ContentType.JSON)
                .body("{\"name\": \"Nul Marine\", \"country\": \"ES\", \"organisationType\": \"SME\", "
                        + "\"keywords\": [\"wind\", \"a\\u0000b\"]}")
                .when().post("/api/v1/members");
        r.then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("keywords[1]"))
                .body("violations[0].message", containsString("NUL character"));
        noInternals(r);
        assertFalse(r.asString().contains("Batch entry") || r.asString().contains("getNextException"), r.asString());
    }

    @Test
    void aNulCharacterInAPathOrQueryParameterIsA400NamingIt() {
        Response path = given().urlEncodingEnabled(false).when().get("/api/v1/calls/HORIZON%00X");
        path.then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].in", equalTo("path"))
                .body("violations[0].field", equalTo("identifier"));
        noInternals(path);
        given().urlEncodingEnabled(false).when().get("/api/v1/triage?assignee=al%00ice").then().statusCode(400)
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].field", equalTo("assignee"));
    }

    @Test
    void aPathLongerThanTheLimitIsA414BeforeItIsRouted() {
        // also warms REST Assured up, whose first request takes seconds of its own
        given().when().get("/api/v1/calls/" + "x".repeat(200)).then().statusCode(404);
        // signed in or not; the HTTP layer matches the path to a template (for its metrics) before any REST filter,
        // and a long identifier without a segment after it took 4.5 s of that thread
        for (var request : List.of(given(), given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))) {
            long start = System.nanoTime();
            Response r = request.urlEncodingEnabled(false).when().get("/api/v1/calls/" + "x".repeat(20_000));
            r.then().statusCode(414).contentType("application/problem+json")
                    .body("detail", containsString("callmatch.http.max-path-length"));
            // routing such a path took seconds of an event-loop thread
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        given().urlEncodingEnabled(false).when().get("/api/v1/calls?q=" + "x".repeat(9_000))
                .then().statusCode(414).contentType("application/problem+json")
                .body("detail", containsString("callmatch.http.max-query-length"));
    }

    @Test
    void aDateInABodyIsADateBetween1900And9999() {
        for (String[] body : new String[][]{
                {"{\"title\": \"Wind\", \"openingDate\": \"-0001-01-01\"}", "openingDate"},
                {"{\"title\": \"Wind\", \"deadlines\": [\"2031-01-15\", \"+999999999-12-31\"]}", "deadlines[1]"},
                {"{\"title\": \"Wind\", \"sourceUpdatedAt\": \"-0001-01-01T00:00:00Z\"}", "sourceUpdatedAt"},
                {"{\"title\": \"Wind\", \"openingDate\": []}", "openingDate"}}) {
            Response r = given().contentType(ContentType.JSON).body(body[0]).when().put("/api/v1/calls/HOSTILE-DATE-01");
            r.then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(body[1]));
            noInternals(r);
        }
        given().when().get("/api/v1/calls/HOSTILE-DATE-01").then().statusCode(404);
    }

    @Test
    void aFarDateIsRefusedWithTheValidRange() {
        Response r = given().urlEncodingEnabled(false).when().get("/api/v1/members/1/digest?date=%2B999999999-12-31");
        r.then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("date"));
        noInternals(r);
    }
}
