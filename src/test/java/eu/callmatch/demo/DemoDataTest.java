package eu.callmatch.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** With demo data on, an empty database starts with the shipped calls and members. */
@QuarkusTest
@TestProfile(DemoDataTest.WithDemoData.class)
class DemoDataTest {

    public static class WithDemoData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callmatch.demo-data", "true");
        }
    }

    @Test
    void demoCallsAndMembersAreLoaded() {
        given().queryParam("size", 1).when().get("/api/v1/calls")
                .then().statusCode(200).body("total", equalTo(200));
        given().queryParam("status", "OPEN,FORTHCOMING").queryParam("size", 1).when().get("/api/v1/calls")
                .then().statusCode(200).body("total", greaterThan(150));
        given().queryParam("size", 50).when().get("/api/v1/members")
                .then().statusCode(200).body("total", equalTo(10))
                .body("items.organisationType.unique().size()", greaterThan(2));
    }
}
