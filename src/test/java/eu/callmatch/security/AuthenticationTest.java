package eu.callmatch.security;

import eu.callmatch.users.service.UserService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users and passwords, the login throttle, Bearer JWTs, public endpoints, headers, CORS and request limits. */
@QuarkusTest
class AuthenticationTest {

    @Inject
    UserService users;

    static String newUser(String role, String password) {
        String username = "u-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.as("admin").contentType(ContentType.JSON)
                .body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\", \"roles\": [\"" + role + "\"]}")
                .when().post("/api/v1/users")
                .then().statusCode(201).header("Location", containsString("/api/v1/users/" + username))
                .body("username", equalTo(username)).body("roles", hasItem(role))
                .body("password", nullValue()).body("passwordHash", nullValue());
        return username;
    }

    @Test
    void aCreatedUserLogsInWithItsRolesAndNotAfterItWasDeleted() {
        String username = newUser("staff", "a-long-enough-password");
        given().auth().preemptive().basic(username, "a-long-enough-password").when().get("/api/v1/members")
                .then().statusCode(200);
        given().auth().preemptive().basic(username, "a-long-enough-password").when().get("/api/v1/users")
                .then().statusCode(403);
        Accounts.as("admin").when().get("/api/v1/users?size=200").then().statusCode(200)
                .body("items.username", hasItem(username)).body(not(containsString("$2a$")));
        Accounts.as("admin").when().delete("/api/v1/users/{u}", username).then().statusCode(204);
        given().auth().preemptive().basic(username, "a-long-enough-password").when().get("/api/v1/members")
                .then().statusCode(401).contentType("application/problem+json");
        Accounts.as("admin").when().delete("/api/v1/users/{u}", username).then().statusCode(404);
    }

    /**
     * What the service answers from memory, on the I/O thread, for a client that sends its credentials with every
     * request: only a password verified before, and not once its user is gone.
     */
    @Test
    void aVerifiedPasswordIsRememberedUntilItsUserIsDeleted() {
        String username = newUser("reader", "a-password-to-remember");
        assertTrue(users.remembered(username, "a-password-to-remember").isEmpty(), "not verified yet");
        given().auth().preemptive().basic(username, "a-password-to-remember").when().get("/api/v1/calls")
                .then().statusCode(200);
        assertEquals(Optional.of(Set.of("reader")), users.remembered(username, "a-password-to-remember"));
        assertTrue(users.remembered(username, "a-password-to-forget").isEmpty(), "another password");
        assertTrue(users.remembered("u-nobody", "a-password-to-remember").isEmpty(), "another user");
        // answered from memory now, and still with the user's roles
        given().auth().preemptive().basic(username, "a-password-to-remember").when().get("/api/v1/users")
                .then().statusCode(403);
        Accounts.as("admin").when().delete("/api/v1/users/{u}", username).then().statusCode(204);
        assertTrue(users.remembered(username, "a-password-to-remember").isEmpty(), "forgotten with the user");
    }

    @Test
    void weakPasswordsUnknownRolesAndDuplicatesAreRefused() {
        Accounts.as("admin").contentType(ContentType.JSON)
                .body("{\"username\": \"weak-one\", \"password\": \"short-pass1\", \"roles\": [\"reader\"]}")
                .when().post("/api/v1/users")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("password"));
        Accounts.as("admin").contentType(ContentType.JSON)
                .body("{\"username\": \"odd-role\", \"password\": \"long-enough-password\", \"roles\": [\"root\"]}")
                .when().post("/api/v1/users").then().statusCode(400);
        String username = newUser("reader", "first-password-123");
        Accounts.as("admin").contentType(ContentType.JSON)
                .body("{\"username\": \"" + username + "\", \"password\": \"other-password-123\", \"roles\": [\"reader\"]}")
                .when().post("/api/v1/users").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void theLastAdminCannotBeDeletedButAnotherCan() {
        String other = newUser("admin", "second-admin-password");
        Accounts.as("admin").when().delete("/api/v1/users/{u}", other).then().statusCode(204);
    }

    @Test
    void wrongPasswordsAreA401ProblemAndTooManyLockTheClientOutForAWhile() throws InterruptedException {
        String username = newUser("reader", "the-right-password");
        for (int i = 0; i < 3; i++) { // the test profile locks out after 3 failures, for 3 s
            var challenges = given().auth().preemptive().basic(username, "a-wrong-password-" + i).when().get("/api/v1/calls")
                    .then().statusCode(401).contentType("application/problem+json")
                    .extract().headers().getValues("WWW-Authenticate");
            org.junit.jupiter.api.Assertions.assertTrue(challenges.contains("Basic realm=\"callmatch\""), challenges.toString());
        }
        // locked out: even the right password is refused, with when to come back
        given().auth().preemptive().basic(username, "the-right-password").when().get("/api/v1/calls")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(429));
        // other users from the same client are not affected
        Accounts.as("reader").when().get("/api/v1/calls").then().statusCode(200);
        given().auth().none().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("callmatch_login_failures_total"))
                .body(containsString("callmatch_login_locked_out_total"));
        Thread.sleep(3_500);
        given().auth().preemptive().basic(username, "the-right-password").when().get("/api/v1/calls")
                .then().statusCode(200);
    }

    @Test
    void bearerTokensOfTheConfiguredIssuerCarryTheirRoles() {
        given().auth().oauth2(Accounts.token("system-a", "reader")).when().get("/api/v1/calls").then().statusCode(200);
        given().auth().oauth2(Accounts.token("system-a", "reader")).when().get("/api/v1/members").then().statusCode(403);
        given().auth().oauth2(Accounts.token("crm", "staff")).when().get("/api/v1/members").then().statusCode(200);
        given().auth().oauth2(Accounts.token("ops", "admin")).when().get("/api/v1/users").then().statusCode(200);
    }

    @Test
    void tokensOfAnotherIssuerExpiredOrForgedAreRefused() {
        String otherIssuer = Accounts.token("x", Set.of("admin"), "https://evil.example", Instant.now().plusSeconds(300));
        given().auth().oauth2(otherIssuer).when().get("/api/v1/calls")
                .then().statusCode(401).contentType("application/problem+json");
        String expired = Accounts.token("x", Set.of("admin"), Accounts.ISSUER, Instant.now().minusSeconds(3600));
        given().auth().oauth2(expired).when().get("/api/v1/calls").then().statusCode(401);
        String valid = Accounts.token("x", "reader");
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"https://idp.test.callmatch.eu\",\"sub\":\"x\",\"groups\":[\"admin\"],\"exp\":9999999999}".getBytes())
                + "." + parts[2];
        given().auth().oauth2(forged).when().get("/api/v1/users").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").when().get("/api/v1/calls").then().statusCode(401);
    }

    @Test
    void healthOpenApiSwaggerUiAndMetricsArePublic() {
        given().auth().none().when().get("/q/health/live").then().statusCode(200);
        given().auth().none().when().get("/q/openapi").then().statusCode(200);
        given().auth().none().when().get("/q/swagger-ui/").then().statusCode(200);
        given().auth().none().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndApiAnswersAreNotCached() {
        given().auth().none().when().get("/q/health/live").then()
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
        Accounts.as("reader").when().get("/api/v1/calls").then().statusCode(200)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().auth().none().when().get("/api/v1/calls").then().statusCode(401).header("Cache-Control", "no-store");
    }

    @Test
    void corsIsOffByDefault() {
        given().auth().none().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/calls")
                .then().header("Access-Control-Allow-Origin", nullValue());
        Accounts.as("reader").header("Origin", "https://elsewhere.example").when().get("/api/v1/calls")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void anOverlongQueryStringIs414AndTooManyProfileKeywordsA400() {
        Accounts.as("reader").queryParam("q", "a".repeat(9_000)).when().get("/api/v1/calls")
                .then().statusCode(414).contentType("application/problem+json");
        StringBuilder keywords = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            keywords.append(i == 0 ? "" : ",").append("\"kw").append(i).append('"');
        }
        Accounts.as("reader").contentType(ContentType.JSON).body("{\"keywords\": [" + keywords + "]}")
                .when().post("/api/v1/call-matches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("keywords"));
    }
}
