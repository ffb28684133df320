package eu.callmatch.imports;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A record PostgreSQL cannot store (a NUL character in a text) is rejected with its line, the rest is imported, and
 * the run ends with its report: the fuzz of issue 20 found the whole request failing with PostgreSQL's words and the
 * run left RUNNING forever.
 */
@QuarkusTest
class HostileImportTest {

    private static String call(String id, String title) {
        return "{\"identifier\": \"" + id + "\", \"title\": \"" + title + "\", \"programme\": \"Hostile Test\","
                + " \"deadlines\": [\"2031-01-15\"]}";
    }

    @Test
    void aNulCharacterRejectsItsRecordOnlyAndTheRunEnds() {
        String body = String.join("\n", call("HOSTILE-NUL-01", "Offshore wind"),
                call("HOSTILE-NUL-02", "Soil \\u0000 health"), call("HOSTILE-NUL-03", "Hydrogen valleys")) + "\n";
        Response r = given().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/calls?format=callmatch-jsonl");
        r.then().statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("created", equalTo(2))
                .body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].reason", containsString("NUL character"));
        assertFalse(r.asString().contains("PSQL") || r.asString().contains("getNextException"), r.asString());
        given().when().get("/api/v1/calls/HOSTILE-NUL-03").then().statusCode(200);
        given().when().get("/api/v1/calls/HOSTILE-NUL-02").then().statusCode(404);
        long id = r.jsonPath().getLong("id");
        given().when().get("/api/v1/imports/" + id).then().statusCode(200).body("status", equalTo("PARTIAL"));
    }

    @Test
    void aRawNulByteInACsvRecordRejectsItAndTheRunEndsWithItsReport() {
        String csv = "externalId,name,country,organisationType\n"
                + "hostile-1,Blue Tide Robotics,FR,SME\n"
                + "hostile-2,Nul\u0000 Marine,ES,SME\n"
                + "hostile-3,Green Port Logistics,IT,SME\n";
        Response r = given().contentType("text/csv").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/members");
        r.then().statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(3));
        assertFalse(r.asString().contains("PSQL") || r.asString().contains("getNextException"), r.asString());
        long id = r.jsonPath().getLong("id");
        given().when().get("/api/v1/imports/" + id).then().statusCode(200).body("status", equalTo("PARTIAL"));
    }

    @Test
    void aMultipartBodyWithoutItsClosingBoundaryIsA400() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"calls.jsonl\"\r\n"
                + "Content-Type: application/x-ndjson\r\n\r\n" + call("HOSTILE-MP-01", "Offshore wind") + "\r\n";
        given().contentType("multipart/form-data; boundary=XyZ")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/calls?format=callmatch-jsonl")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json");
    }
}
