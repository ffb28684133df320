package eu.callmatch.imports;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile files (issue 20). A record PostgreSQL cannot store (a NUL character in a text) is rejected with its line, the rest is imported, and
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
    void bytesThatAreNotUtf8AreReplacedAndReportedWithTheirLineNotSilently() {
        // "Caf" then 0xE9 (é in Latin-1, not UTF-8), then the rest of the record and a third, clean one
        byte[] before = (call("HOSTILE-UTF8-01", "Offshore wind") + "\n{\"identifier\": \"HOSTILE-UTF8-02\", "
                + "\"title\": \"Caf").getBytes(StandardCharsets.UTF_8);
        byte[] after = ("\", \"programme\": \"Hostile Test\"}\n" + call("HOSTILE-UTF8-03", "Hydrogen valleys") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + 1 + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        body[before.length] = (byte) 0xE9;
        System.arraycopy(after, 0, body, before.length + 1, after.length);
        Response r = given().contentType("application/x-ndjson").body(body)
                .when().post("/api/v1/imports/calls?format=callmatch-jsonl");
        r.then().statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("created", equalTo(3))
                .body("rejected", equalTo(0))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].reason", containsString("not valid UTF-8"));
        given().when().get("/api/v1/calls/HOSTILE-UTF8-02").then().statusCode(200).body("title", equalTo("Caf\uFFFD"));
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

    private static final String ORGANISATION_HEADER = "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;"
            + "activityType;street;postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;"
            + "contentUpdateDate;rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active\n";

    private static final long MB = 1024 * 1024;

    @Test
    void aZipThatInflatesToOneHugeLineRejectsThatLineWithoutHoldingItAndImportsTheNext() throws IOException {
        byte[] zip = zip(ORGANISATION_HEADER, 300 * MB,
                "\n990000401;HUGE;990000409;;AFTER THE HUGE LINE;AH;true;PRC;;;VIGO;ES;;;;;;1;1;coordinator;100;;;false;true\n");
        assertTrue(zip.length < 2 * MB, "the zip has " + zip.length + " bytes");
        HeapPeak heap = HeapPeak.start();
        Response r = given().contentType("application/zip").body(zip).when().post("/api/v1/imports/cordis");
        long grown = heap.grown();
        assertTrue(grown < 150 * MB, "the heap's old generation grew by " + grown / MB + " MB reading a 300 MB line");
        r.then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("created", equalTo(1))
                .body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].reason", equalTo("organization.csv: line 2 is longer than 1,000,000 characters"));
        given().when().get("/api/v1/organisations/{pic}", "990000409").then().statusCode(200)
                .body("name", equalTo("AFTER THE HUGE LINE"));
    }

    @Test
    void aZipThatInflatesBeyondItsCapIsA413AndImportsNothing() throws IOException {
        byte[] zip = zip(ORGANISATION_HEADER, 600 * MB, "\n");
        Response r = given().contentType("application/zip").body(zip).when().post("/api/v1/imports/cordis");
        r.then().log().ifValidationFails().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("organization.csv inflates to 629,"))
                .body("detail", containsString("at most 536,870,912 bytes"));
        String run = r.jsonPath().getString("detail").replaceAll(".*import run (\\d+).*", "$1");
        given().when().get("/api/v1/imports/" + run).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("message", containsString("organization.csv inflates to"));
    }

    /** A CORDIS bundle whose organization.csv is {@code head}, {@code size} bytes of 'a' on one line, {@code tail}. */
    private static byte[] zip(String head, long size, String tail) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("organization.csv"));
            zip.write(head.getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[(int) MB];
            Arrays.fill(chunk, (byte) 'a');
            for (long written = 0; written < size; written += chunk.length) {
                zip.write(chunk);
            }
            zip.write(tail.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * How much more the heap's long-lived part held at its peak than at the start (the service runs in this JVM).
     * The young generation is left out: it is the churn of every thread of the service, and what a reader holds of a
     * huge line (one growing buffer) is allocated beside it, as a humongous object, or promoted out of it.
     */
    private record HeapPeak(List<MemoryPoolMXBean> pools, long before) {

        static HeapPeak start() {
            System.gc();
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.isValid() && !p.getName().contains("Eden"))
                    .toList();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            return new HeapPeak(pools, pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum());
        }

        long grown() {
            return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before;
        }
    }
}
