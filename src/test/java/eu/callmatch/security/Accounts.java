package eu.callmatch.security;

import eu.callmatch.common.TestUsers;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/** One user per role for the security tests (created through the API as the test admin), and signed test JWTs. */
final class Accounts {

    static final String ISSUER = "https://idp.test.callmatch.eu";
    static final String PASSWORD = "role-test-password-2026";

    private Accounts() {
    }

    /** The user named after the role, created once per test database. */
    static String user(String role) {
        String username = "sec-" + role;
        given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).contentType(ContentType.JSON)
                .body("{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\", \"roles\": [\"" + role + "\"]}")
                .when().post("/api/v1/users")
                .then().statusCode(anyOf(is(201), is(409)));
        return username;
    }

    /** A request as the user of this role; "anonymous" for none, "admin" for the test admin. */
    static RequestSpecification as(String role) {
        return switch (role) {
            case "anonymous" -> given().auth().none();
            case "admin" -> given().auth().preemptive().basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
            default -> given().auth().preemptive().basic(user(role), PASSWORD);
        };
    }

    /** A JWT as the test identity provider would issue it, signed with the key pair in src/test/resources/jwt. */
    static String token(String subject, Set<String> groups, String issuer, Instant expiresAt) {
        return Jwt.issuer(issuer).subject(subject).upn(subject).groups(groups).issuedAt(Instant.now().minusSeconds(5))
                .expiresAt(expiresAt).sign(privateKey("jwt/test-private.pem"));
    }

    static String token(String subject, String... groups) {
        return token(subject, Set.of(groups), ISSUER, Instant.now().plusSeconds(300));
    }

    static PrivateKey privateKey(String resource) {
        try {
            String pem = Files.readString(Path.of("src/test/resources", resource))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
