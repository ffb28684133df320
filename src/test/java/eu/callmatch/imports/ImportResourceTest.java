package eu.callmatch.imports;

import eu.callmatch.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Imports through the REST API on real files (the evaluation's call corpus, samples of the portal's exports and
 * responses), into the real PostgreSQL.
 */
@QuarkusTest
class ImportResourceTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Brussels"));

    static ValidatableResponse importCalls(String format, String contentType, byte[] body, String... query) {
        var request = given().contentType(contentType).body(body).queryParam("format", format);
        for (int i = 0; i + 1 < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        return request.when().post("/api/v1/imports/calls").then();
    }

    @Test
    void theEvaluationCorpusImportsAndASecondImportChangesNothing() throws IOException {
        byte[] corpus = Files.readAllBytes(TestData.EVAL_CALLS);
        var first = importCalls("callmatch-jsonl", "application/x-ndjson", corpus, "source", "eval-corpus")
                .statusCode(200)
                .header("Location", containsString("/api/v1/imports/"))
                .body("status", equalTo("SUCCEEDED"))
                .body("kind", equalTo("CALLS"))
                .body("format", equalTo("callmatch-jsonl"))
                .body("rejected", equalTo(0))
                .body("finishedAt", notNullValue())
                .extract().jsonPath();
        // other tests share the database and may have written some of these calls already
        assertEquals(2306, first.getInt("created") + first.getInt("updated") + first.getInt("unchanged"));
        importCalls("callmatch-jsonl", "application/x-ndjson", corpus, "source", "eval-corpus")
                .statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(2306));
        given().when().get("/api/v1/calls/{id}", "HORIZON-CL5-2022-D6-01-08").then().statusCode(200)
                .body("source", equalTo("eval-corpus"));
        // EuropeAid references hold slashes: addressable as they are, or encoded
        given().when().get("/api/v1/calls/EuropeAid/172802/ID/ACT/RS").then().statusCode(200)
                .body("identifier", equalTo("EuropeAid/172802/ID/ACT/RS"));
        given().urlEncodingEnabled(false).when().get("/api/v1/calls/EuropeAid%2F172802%2FID%2FACT%2FRS").then()
                .statusCode(200).body("identifier", equalTo("EuropeAid/172802/ID/ACT/RS"));
    }

    @Test
    void theEightPortalCsvExportsImport() throws IOException {
        int rows = 0;
        int rejected = 0;
        try (var files = Files.list(TestData.FT_CSV_EXPORTS)) {
            for (Path file : files.sorted().toList()) {
                var run = importCalls("ft-csv", "text/csv", Files.readAllBytes(file), "source", "ft-csv-2024")
                        .statusCode(200).extract().jsonPath();
                rows += run.getInt("created") + run.getInt("updated") + run.getInt("unchanged") + run.getInt("stale");
                Map<String, Integer> merged = run.getMap("details.merged");
                rows += merged == null ? 0 : merged.values().stream().mapToInt(Integer::intValue).sum();
                rejected += run.getInt("rejected");
            }
        }
        assertEquals(92, rows + rejected, "every row of the 8 files is accounted for, as a record or merged into one");
        assertEquals(0, rejected);
        // CL3.csv has a BOM and its own column order
        given().when().get("/api/v1/calls/{id}", "HORIZON-CL3-2025-01-FCT-01").then().statusCode(200)
                .body("title", containsString("forensic evidence"))
                .body("description", containsString("Expected Outcome"))
                .body("description", org.hamcrest.Matchers.not(containsString("<p>")));
    }

    @Test
    void portalSearchAndTopicDocumentsImport() throws IOException {
        importCalls("sedia-search", "application/json",
                Files.readAllBytes(TestData.SEDIA_JSON.resolve("call_search_10_06_24.json")))
                .statusCode(200).body("status", equalTo("SUCCEEDED")).body("rejected", equalTo(0));
        // ImportAgainTest may have imported it already: whether created or not, it is there
        String asOf = given().when().get("/api/v1/calls/{id}", "EUAF-2023-TRAI-03").then().statusCode(200)
                .body("callIdentifier", equalTo("EUAF-2023-TRAI")).extract().path("asOf");
        // as of the portal's own date of the result (esDA_IngestDate), not of the request
        assertEquals(java.time.Instant.parse("2024-08-05T13:46:39.821Z"), java.time.Instant.parse(asOf));
        importCalls("sedia-topic", "application/json",
                Files.readAllBytes(TestData.SEDIA_JSON.resolve("call_details_dto_12_03_24.json")))
                .statusCode(200).body("status", equalTo("SUCCEEDED"));
    }

    @Test
    void aBadRecordIsRejectedWithItsLineAndTheRestImported() {
        String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String file = String.join("\n",
                "{\"identifier\": \"OK-" + tag + "-1\", \"title\": \"First\"}",
                "{\"identifier\": \"BAD-" + tag + "\", \"title\": \"\"}",
                "{not json",
                "{\"identifier\": \"BIG-" + tag + "\", \"title\": \"Too rich\", \"budgetMax\": 1e20}",
                "{\"identifier\": \"OK-" + tag + "-2\", \"title\": \"Second\", \"deadlines\": [\"2026-13-40\"]}",
                "{\"identifier\": \"OK-" + tag + "-3\", \"title\": \"Third\"}");
        importCalls("callmatch-jsonl", "application/x-ndjson", file.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("created", equalTo(2))
                .body("rejected", equalTo(4))
                .body("errorTotal", equalTo(4))
                .body("errors.line", equalTo(List.of(2, 3, 4, 5)))
                .body("errors[0].record", equalTo("BAD-" + tag))
                .body("errors[0].reason", containsString("title"))
                // the database's refusal (numeric overflow) broke its batch; only that record is lost
                .body("errors[2].record", equalTo("BIG-" + tag))
                .body("errors[2].reason", containsString("could not be stored"));
        given().when().get("/api/v1/calls/OK-" + tag + "-1").then().statusCode(200);
        given().when().get("/api/v1/calls/OK-" + tag + "-3").then().statusCode(200);
        given().when().get("/api/v1/calls/BIG-" + tag).then().statusCode(404);
    }

    @Test
    void aFileOfAnotherFormatIsAProblem400NamingLineAndColumnAndIsRecorded() throws IOException {
        importCalls("ft-csv", "text/csv", "name;country\nfoo;FR\n".getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 1"))
                .body("detail", containsString("column"));
        importCalls("sedia-search", "application/json", "{\"results\": [".getBytes(StandardCharsets.UTF_8))
                .statusCode(400).contentType("application/problem+json");
        given().queryParam("size", 1).when().get("/api/v1/imports").then().statusCode(200)
                .body("items[0].status", equalTo("FAILED"))
                .body("items[0].message", containsString("line"));
    }

    /**
     * An import that stops halfway (here the file ends inside a quoted description, as a cut-off download does) keeps
     * every record read before the break, damages nothing else, and running it again with the whole file completes it.
     */
    @Test
    void anImportStoppedHalfwayKeepsWhatItReadAndARerunCompletesIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().contentType("application/json")
                .body("{\"identifier\": \"KEEP-" + tag + "\", \"title\": \"Untouched by the broken import\"}")
                .when().put("/api/v1/calls/KEEP-" + tag).then().statusCode(201);
        int rows = 450;
        StringBuilder whole = new StringBuilder("identifier,title,action_type,type_of_mga_description,"
                + "submission_procedure,start_date,deadline,deadline2,budget_min,budget_max,project_number,path_id,"
                + "reference,description\n");
        int cutAt = 0;
        for (int i = 1; i <= rows; i++) {
            if (i == 431) {
                cutAt = whole.length();
            }
            whole.append(String.format("HALF-%s-%03d,Call %s %d,HORIZON-RIA,,single-stage,2026-01-15T00:00:00,"
                    + "2027-03-04T17:00:00,,,,,,,\"<p>Topic %d, with a quoted, multi-line</p>%n<p>description</p>\"%n",
                    tag, i, tag, i, i));
        }
        // cut inside row 431's quoted description: rows 1-430 are whole
        String broken = whole.substring(0, whole.indexOf("<p>Topic", cutAt) + 8);

        importCalls("ft-csv", "text/csv", broken.getBytes(StandardCharsets.UTF_8))
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("records before that point were imported"));
        given().queryParam("size", 1).when().get("/api/v1/imports").then().statusCode(200)
                .body("items[0].status", equalTo("FAILED"))
                .body("items[0].created", equalTo(430));
        given().when().get("/api/v1/calls/HALF-" + tag + "-001").then().statusCode(200);
        given().when().get("/api/v1/calls/HALF-" + tag + "-430").then().statusCode(200)
                .body("description", equalTo("Topic 430, with a quoted, multi-line\ndescription"));
        given().when().get("/api/v1/calls/HALF-" + tag + "-431").then().statusCode(404);
        given().when().get("/api/v1/calls/KEEP-" + tag).then().statusCode(200)
                .body("title", equalTo("Untouched by the broken import"));

        importCalls("ft-csv", "text/csv", whole.toString().getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("created", equalTo(rows - 430))
                .body("unchanged", equalTo(430));
        given().when().get("/api/v1/calls/HALF-" + tag + "-450").then().statusCode(200);
        // and searchable when the import answers
        given().queryParam("q", tag).when().get("/api/v1/calls").then().statusCode(200)
                .body("total", equalTo(rows));
    }

    @Test
    void formatAndMediaTypeAreChecked() {
        importCalls("excel", "text/csv", "a".getBytes()).statusCode(400).body("violations[0].field", equalTo("format"));
        given().contentType("text/csv").body("a").when().post("/api/v1/imports/calls")
                .then().statusCode(400).body("violations[0].field", equalTo("format"));
        importCalls("ft-csv", "application/zip", "a".getBytes()).statusCode(415).contentType("application/problem+json");
        given().contentType("image/png").body(new byte[]{1, 2}).when().post("/api/v1/imports/cordis")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void multipartUploadsAreAccepted() {
        String id = "MULTI-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().multiPart("file", "calls.jsonl",
                        ("{\"identifier\": \"" + id + "\", \"title\": \"From a form\"}\n").getBytes(StandardCharsets.UTF_8),
                        "application/x-ndjson")
                .queryParam("format", "callmatch-jsonl")
                .when().post("/api/v1/imports/calls")
                .then().statusCode(200).body("created", equalTo(1));
        given().when().get("/api/v1/calls/{id}", id).then().statusCode(200).body("title", equalTo("From a form"));
    }

    @Test
    void asyncAnswers202WithLocationAndTheRunFinishes() throws InterruptedException {
        String id = "ASYNC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String location = importCalls("callmatch-jsonl", "application/x-ndjson",
                ("{\"identifier\": \"" + id + "\", \"title\": \"Later\"}").getBytes(StandardCharsets.UTF_8), "async", "true")
                .statusCode(202)
                .body("status", equalTo("RUNNING"))
                .extract().header("Location");
        String status = "RUNNING";
        for (int i = 0; i < 100 && status.equals("RUNNING"); i++) {
            Thread.sleep(100);
            status = given().when().get(location).then().statusCode(200).extract().path("status");
        }
        assertEquals("SUCCEEDED", status);
        given().when().get(location).then().body("created", equalTo(1)).body("finishedAt", notNullValue());
    }

    @Test
    void callsMissingFromACompleteSnapshotStayClosedWithTheDateTheyLeft() {
        String source = "snapshot-" + UUID.randomUUID().toString().substring(0, 8);
        String a = "SNAP-" + source.toUpperCase() + "-A";
        String b = "SNAP-" + source.toUpperCase() + "-B";
        String deadline = TODAY.plusDays(30).toString();
        String both = "{\"identifier\": \"" + a + "\", \"title\": \"A\", \"deadlines\": [\"" + deadline + "\"]}\n"
                + "{\"identifier\": \"" + b + "\", \"title\": \"B\", \"deadlines\": [\"" + deadline + "\"]}\n";
        importCalls("callmatch-jsonl", "application/x-ndjson", both.getBytes(), "source", source, "complete", "true")
                .statusCode(200).body("created", equalTo(2));
        importCalls("callmatch-jsonl", "application/x-ndjson", both.lines().findFirst().orElseThrow().getBytes(),
                "source", source, "complete", "true")
                .statusCode(200).body("unchanged", equalTo(1)).body("details.calls.leftSource", equalTo(1));
        given().when().get("/api/v1/calls/{id}", b).then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("leftSourceOn", equalTo(TODAY.toString()));
        given().when().get("/api/v1/calls/{id}", a).then().body("status", equalTo("OPEN")).body("leftSourceOn", nullValue());
        // back in the source: open again
        importCalls("callmatch-jsonl", "application/x-ndjson", both.getBytes(), "source", source, "complete", "true")
                .statusCode(200);
        given().when().get("/api/v1/calls/{id}", b).then().body("status", equalTo("OPEN"));
    }

    @Test
    void membersImportFromCsvAndUpsertByExternalId() {
        String ext = "crm-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "externalId,name,pic,country,region,organisationType,description,keywords,sectors,programmes,contactName,contactEmail,contactPhone\n"
                + ext + ",Imported Robotics " + ext + ",,EL,,SME,Drones for ports,drones;ports,,Horizon Europe,,,\n"
                + ext + "-2,Nowhere " + ext + ",,ZZ,,SME,,,,,,,\n";
        given().contentType("text/csv").body(csv).when().post("/api/v1/imports/members")
                .then().statusCode(200)
                .body("kind", equalTo("MEMBERS"))
                .body("created", equalTo(1))
                .body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(3));
        given().contentType("text/csv").body(csv).when().post("/api/v1/imports/members")
                .then().statusCode(200).body("created", equalTo(0)).body("unchanged", equalTo(1));
        given().queryParam("country", "GR").queryParam("size", 200).when().get("/api/v1/members")
                .then().body("items.externalId", hasItem(ext));
    }

    @Test
    void importHistoryIsNewestFirstAndUnknownRunsAre404() {
        importCalls("callmatch-jsonl", "application/x-ndjson", new byte[0]).statusCode(200).body("status", equalTo("SUCCEEDED"));
        var history = given().queryParam("size", 5).when().get("/api/v1/imports").then().statusCode(200)
                .body("items", hasSize(org.hamcrest.Matchers.lessThanOrEqualTo(5)))
                .extract().jsonPath();
        List<Integer> ids = history.getList("items.id");
        for (int i = 1; i < ids.size(); i++) {
            org.junit.jupiter.api.Assertions.assertTrue(ids.get(i - 1) > ids.get(i), "newest first: " + ids);
        }
        given().when().get("/api/v1/imports/{id}", 987654321).then().statusCode(404).contentType("application/problem+json");
    }
}
