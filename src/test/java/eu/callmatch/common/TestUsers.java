package eu.callmatch.common;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveBasicAuthScheme;

/**
 * Every @QuarkusTest calls the API as the test profile's bootstrap admin unless a request says otherwise
 * ({@code given().auth().none()} for anonymous, {@code .auth().preemptive().basic(...)} for another user): the
 * API needs authentication, and most tests are about something else. Registered as a Quarkus test callback.
 */
public class TestUsers implements QuarkusTestBeforeEachCallback {

    /** The test profile's bootstrap admin (application.properties, %test). */
    public static final String ADMIN = "test-admin";
    public static final String ADMIN_PASSWORD = "test-admin-password-2026";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        PreemptiveBasicAuthScheme admin = new PreemptiveBasicAuthScheme();
        admin.setUserName(ADMIN);
        admin.setPassword(ADMIN_PASSWORD);
        RestAssured.authentication = admin;
    }
}
