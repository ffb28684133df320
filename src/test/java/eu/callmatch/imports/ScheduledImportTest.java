package eu.callmatch.imports;

import eu.callmatch.imports.scheduling.ImportLock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configured sources, run on demand against a local stand-in for the portal. */
@QuarkusTest
@TestProfile(ScheduledImportTest.Sources.class)
@QuarkusTestResource(value = PortalStub.class, restrictToAnnotatedClass = true)
class ScheduledImportTest {

    public static class Sources implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callmatch.import.sources.cordis.enabled", "false");
        }
    }

    @Inject
    ImportLock lock;

    @Test
    void thePortalSearchIsPagedAndImported() {
        PortalStub.REQUESTS.clear();
        given().queryParam("source", "ft-portal").when().post("/api/v1/imports/run-now")
                .then().statusCode(200)
                .body("source", equalTo("ft-portal"))
                .body("format", equalTo("sedia-search"))
                .body("status", equalTo("SUCCEEDED"))
                .body("created", greaterThan(0));
        String first = PortalStub.REQUESTS.get(0);
        assertTrue(first.startsWith("POST "), first);
        assertTrue(first.contains("pageSize=100") && first.contains("pageNumber=1"), first);
        // open and forthcoming topics of the configured programmes
        assertTrue(first.contains("31094501") && first.contains("31094502") && first.contains("43108390"), first);
        assertTrue(PortalStub.REQUESTS.size() >= 2, "asks for the next page: " + PortalStub.REQUESTS.size());
    }

    @Test
    void aPortalThatIsDownGivesAFailedRunAndChangesNothing() {
        long callsBefore = given().queryParam("size", 1).queryParam("status", "OPEN,FORTHCOMING,CLOSED")
                .when().get("/api/v1/calls").then().extract().jsonPath().getLong("total");
        given().queryParam("source", "portal-down").when().post("/api/v1/imports/run-now")
                .then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("message", containsString("HTTP 503"))
                .body("message", containsString("3 attempts"));
        given().queryParam("size", 1).when().get("/api/v1/calls").then().body("total", equalTo((int) callsBefore));
    }

    @Test
    void aFileOverHttpIsASource() {
        given().queryParam("source", "stub-file").when().post("/api/v1/imports/run-now")
                .then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        given().when().get("/api/v1/calls/STUB-FILE-0001").then().statusCode(200).body("source", equalTo("stub-file"));
    }

    @Test
    void unknownDisabledAndBusySourcesAreRefused() throws Exception {
        given().queryParam("source", "nowhere").when().post("/api/v1/imports/run-now").then().statusCode(404);
        given().queryParam("source", "cordis").when().post("/api/v1/imports/run-now").then().statusCode(409);
        given().when().post("/api/v1/imports/run-now").then().statusCode(400);
        try (var held = lock.tryAcquire("stub-file").orElseThrow()) {
            // as if another replica were running it
            given().queryParam("source", "stub-file").when().post("/api/v1/imports/run-now")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("another replica"));
        }
    }
}
