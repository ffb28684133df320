package eu.callmatch.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every operation of the service's own API document, called as anonymous, reader, importer, staff and admin:
 * anonymous gets 401, a role outside the operation's rule 403, a role inside it anything but 401 or 403. An
 * operation missing from the table below fails the test, so a new endpoint cannot ship without a rule.
 */
@QuarkusTest
class SecurityMatrixTest {

    static final List<String> CALLERS = List.of("anonymous", "reader", "importer", "staff", "admin");
    static final Set<String> READ = Set.of("reader", "staff", "admin");
    static final Set<String> STAFF = Set.of("staff", "admin");
    static final Set<String> IMPORT = Set.of("importer", "admin");
    static final Set<String> IMPORT_HISTORY = Set.of("importer", "staff", "admin");
    static final Set<String> ADMIN = Set.of("admin");
    /** No login: the address's secret is the key (calendar clients, unsubscribe links). */
    static final Set<String> PUBLIC = Set.of("anonymous", "reader", "importer", "staff", "admin");

    /** Who may call each operation, by operationId: the README's roles table. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("listCalls", READ), Map.entry("getCall", READ),
            Map.entry("putCall", ADMIN), Map.entry("deleteCall", ADMIN),
            Map.entry("listOrganisations", READ), Map.entry("getOrganisation", READ),
            Map.entry("matchCalls", READ), Map.entry("matchPartners", READ),
            Map.entry("listMembers", STAFF), Map.entry("getMember", STAFF), Map.entry("createMember", STAFF),
            Map.entry("replaceMember", STAFF), Map.entry("exportMember", STAFF),
            Map.entry("deleteMember", ADMIN), Map.entry("getMemberAudit", ADMIN),
            Map.entry("matchCallsForMember", STAFF), Map.entry("proposeConsortium", STAFF),
            Map.entry("importCalls", IMPORT), Map.entry("importCordis", IMPORT), Map.entry("importMembers", IMPORT),
            Map.entry("runImportNow", IMPORT),
            Map.entry("listImports", IMPORT_HISTORY), Map.entry("getImport", IMPORT_HISTORY),
            Map.entry("getIndexStatus", ADMIN), Map.entry("reindex", ADMIN),
            Map.entry("listUsers", ADMIN), Map.entry("createUser", ADMIN), Map.entry("deleteUser", ADMIN),
            Map.entry("listAlerts", STAFF), Map.entry("listMemberAlerts", STAFF), Map.entry("getDigest", STAFF),
            Map.entry("decideOnCall", STAFF), Map.entry("getDecision", STAFF), Map.entry("getPipeline", STAFF),
            Map.entry("listTriage", STAFF), Map.entry("assignMember", STAFF), Map.entry("getAssignee", STAFF),
            Map.entry("unassignMember", STAFF), Map.entry("exportDecisions", STAFF),
            Map.entry("createCalendarFeed", STAFF), Map.entry("listCalendarFeeds", STAFF),
            Map.entry("getCalendarFeed", STAFF), Map.entry("revokeCalendarFeed", STAFF),
            Map.entry("getCalendar", PUBLIC),
            Map.entry("subscribeToDigest", STAFF), Map.entry("getDigestSubscription", STAFF),
            Map.entry("unsubscribeFromDigest", STAFF), Map.entry("listDigestDeliveries", STAFF),
            Map.entry("confirmDigestUnsubscribe", PUBLIC), Map.entry("unsubscribeByLink", PUBLIC),
            Map.entry("createSavedSearch", STAFF), Map.entry("listSavedSearches", STAFF),
            Map.entry("getSavedSearch", STAFF), Map.entry("deleteSavedSearch", STAFF),
            Map.entry("listSavedSearchHits", STAFF), Map.entry("replaceSavedSearch", STAFF),
            Map.entry("decideSavedSearchHit", STAFF),
            // every user sets their own address; another user's (the matrix asks for one) only an admin
            Map.entry("setUserEmail", ADMIN));

    /** Query parameters that keep an allowed call harmless (a 400 instead of a rebuild or an import). */
    static final Map<String, String> QUERY = Map.of(
            "reindex", "kind=NO-SUCH-INDEX",
            "runImportNow", "source=no-such-source",
            "importCalls", "format=no-such-format");

    @Test
    void everyOperationHasARuleAndEveryCallerGetsWhatTheRuleSays() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().auth().none().accept("application/json")
                .when().get("/q/openapi").then().statusCode(200).extract().asString());
        Set<String> seen = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                String id = op.getValue().path("operationId").asText();
                Set<String> allowed = ALLOWED.get(id);
                if (allowed == null) {
                    fail(method + " " + path.getKey() + " (" + id + ") has no entry in the role table");
                }
                seen.add(id);
                assertTrue(allowed == PUBLIC || op.getValue().path("responses").has("401")
                        && op.getValue().path("responses").has("403"), id + " documents 401 and 403");
                for (String caller : CALLERS) {
                    int status = call(caller, method, concrete(path.getKey()), id, op.getValue()).statusCode();
                    int expected = allowed.contains(caller) ? 0 : caller.equals("anonymous") ? 401 : 403;
                    boolean ok = expected == 0 ? status != 401 && status != 403 && status < 500 : status == expected;
                    if (!ok) {
                        wrong.add(method + " " + path.getKey() + " as " + caller + ": " + status
                                + " (expected " + (expected == 0 ? "allowed" : expected) + ")");
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), seen, "the role table names exactly the documented operations");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void anonymousGetsAProblemWithBothChallenges() {
        Response response = given().auth().none().when().get("/api/v1/calls");
        assertEquals(401, response.statusCode());
        assertEquals("application/problem+json", response.contentType().split(";")[0]);
        List<String> challenges = response.headers().getValues("WWW-Authenticate");
        assertTrue(challenges.contains("Basic realm=\"callmatch\""), challenges.toString());
        assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Bearer")), challenges.toString());
        assertEquals(401, response.jsonPath().getInt("status"));
    }

    @Test
    void aForbiddenCallIsAProblem() {
        Accounts.as("reader").when().get("/api/v1/members")
                .then().statusCode(403).contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(403));
    }

    private static Response call(String caller, String method, String path, String id, JsonNode operation) {
        RequestSpecification request = Accounts.as(caller).urlEncodingEnabled(false);
        String query = QUERY.get(id);
        String url = query == null ? path : path + "?" + query;
        JsonNode content = operation.path("requestBody").path("content");
        if (!content.isMissingNode()) {
            String type = content.fieldNames().next();
            request = request.contentType(type).body((type.contains("json") ? "{}" : "").getBytes());
        }
        return request.when().request(method, url);
    }

    /** A path with its parameters filled in with values that name nothing. */
    private static String concrete(String template) {
        Map<String, String> values = new TreeMap<>(Map.of(
                "{identifier}", "SEC-MATRIX-NONE", "{id}", "987654321", "{pic}", "000000000",
                "{username}", "no-such-user", "{token}", "no-such-secret"));
        String path = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace(v.getKey(), v.getValue());
        }
        assertTrue(!path.contains("{"), "a value for every path parameter of " + template);
        return path;
    }
}
