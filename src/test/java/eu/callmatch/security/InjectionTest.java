package eu.callmatch.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.matching.EmbeddingsOffTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile text in every text parameter of the API document (SQL, Lucene syntax, 20,000 characters, odd Unicode):
 * a 400 (414 for an overlong query string), a 404 or a normal answer, never a 500, and the data unchanged.
 * Matching is lexical here (the embeddings-off profile): the text reaches the same parsing and Lucene queries, and
 * the dozens of call matches do not each wait for the vectors of calls other tests imported.
 */
@QuarkusTest
@TestProfile(EmbeddingsOffTest.Off.class)
class InjectionTest {

    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1",
            "1; DROP TABLE call; --",
            "x') UNION SELECT contact_email FROM member --",
            "title:(wind OR solar) AND deadline:[* TO *] fuzzy~2 boost^3 /.*/ \\ \"unclosed",
            "*:*",
            "a".repeat(20_000),
            "\u202Eevil\u200B\uFEFF \uD83C\uDF0A Z\u0338\u0322a\u0335l\u0334g\u0337o",
            "nul\u0000byte",
            "%00%27%22<script>alert(1)</script>");

    static final Set<Integer> ACCEPTABLE = Set.of(200, 400, 404, 414);

    @Test
    void hostileTextInEveryTextParameterIsRefusedOrAnsweredButNeverBreaksAnything() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String callId = "INJ-CANARY-" + tag;
        Accounts.as("admin").contentType(ContentType.JSON).body("{\"title\": \"Canary call " + tag + "\"}")
                .when().put("/api/v1/calls/{id}", callId).then().statusCode(201);
        long memberId = Accounts.as("admin").contentType(ContentType.JSON)
                .body("{\"name\": \"Canary " + tag + "\", \"country\": \"FR\", \"organisationType\": \"SME\"}")
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
        String callBefore = Accounts.as("admin").when().get("/api/v1/calls/{id}", callId).then().extract().asString();
        String memberBefore = Accounts.as("admin").when().get("/api/v1/members/{id}", memberId).then().extract().asString();

        JsonNode document = new ObjectMapper().readTree(given().auth().none().accept("application/json")
                .when().get("/q/openapi").then().statusCode(200).extract().asString());
        Map<String, String> pathValues = Map.of("{identifier}", callId, "{id}", Long.toString(memberId),
                "{pic}", "000000000", "{username}", "no-such-user");
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().get("get");
            JsonNode post = path.getValue().get("post");
            boolean callMatches = path.getKey().equals("/api/v1/call-matches");
            JsonNode operation = get != null ? get : callMatches ? post : null;
            if (operation == null || !path.getKey().startsWith("/api/")) {
                continue;
            }
            String concrete = path.getKey();
            for (Map.Entry<String, String> v : pathValues.entrySet()) {
                concrete = concrete.replace(v.getKey(), v.getValue());
            }
            for (JsonNode parameter : operation.path("parameters")) {
                String type = parameter.path("schema").path("type").asText("string");
                if (!"query".equals(parameter.path("in").asText()) || !"string".equals(type)) {
                    continue;
                }
                for (String payload : PAYLOADS) {
                    var request = Accounts.as("admin").queryParam(parameter.get("name").asText(), payload);
                    Response response = callMatches
                            ? request.contentType(ContentType.JSON).body("{\"description\": \"offshore wind\"}").post(concrete)
                            : request.get(concrete);
                    requests++;
                    check(wrong, (callMatches ? "POST " : "GET ") + path.getKey() + " ?" + parameter.get("name").asText()
                            + "=" + abbreviated(payload), response);
                }
            }
        }
        for (String payload : PAYLOADS) {
            for (String template : List.of("/api/v1/calls/{x}", "/api/v1/organisations/{x}", "/api/v1/calls/{x}/partner-matches")) {
                check(wrong, "GET " + template + " with " + abbreviated(payload),
                        Accounts.as("admin").get(template, payload));
                requests++;
            }
            var profile = new ObjectMapper().createObjectNode().put("description", payload);
            profile.putArray("keywords").add(payload);
            check(wrong, "POST /api/v1/call-matches body " + abbreviated(payload), Accounts.as("admin")
                    .contentType(ContentType.JSON).body(profile.toString()).post("/api/v1/call-matches"));
            requests++;
        }
        assertTrue(requests > 100, "every text parameter was tried: " + requests + " requests");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(callBefore, Accounts.as("admin").when().get("/api/v1/calls/{id}", callId).then().statusCode(200).extract().asString());
        assertEquals(memberBefore, Accounts.as("admin").when().get("/api/v1/members/{id}", memberId).then().statusCode(200).extract().asString());
        Accounts.as("admin").when().get("/api/v1/calls?q={q}&status=OPEN,FORTHCOMING,CLOSED", "canary " + tag)
                .then().statusCode(200).body("items.identifier", org.hamcrest.Matchers.hasItem(callId));
    }

    private static void check(List<String> wrong, String what, Response response) {
        String type = response.contentType();
        boolean problem = response.statusCode() < 300 || type.startsWith("application/problem+json");
        if (!ACCEPTABLE.contains(response.statusCode()) || !problem
                || response.asString().contains("Exception") || response.asString().contains("org.apache.lucene")) {
            wrong.add(what + " -> " + response.statusCode() + " " + abbreviated(response.asString()));
        }
    }

    private static String abbreviated(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "... (" + s.length() + " chars)" : s;
    }
}
