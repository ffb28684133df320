package eu.callmatch.imports;

import eu.callmatch.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

/** A sample of a real CORDIS bundle (788 participations) through the REST API. */
@QuarkusTest
class CordisImportTest {

    static final Path BUNDLE = TestData.CORDIS_SAMPLE;

    @Test
    void theSampleBundleImportsAndASecondImportChangesNothing() throws IOException {
        byte[] zip = Files.readAllBytes(BUNDLE);
        given().contentType("application/zip").body(zip).queryParam("source", "cordis-sample")
                .when().post("/api/v1/imports/cordis")
                .then().statusCode(200)
                .body("kind", equalTo("ORGANISATIONS"))
                .body("format", equalTo("cordis"))
                .body("created", equalTo(633))
                .body("details.participations.created", equalTo(788))
                .body("details.projects.created", equalTo(192));
        given().contentType("application/zip").body(zip).queryParam("source", "cordis-sample")
                .when().post("/api/v1/imports/cordis")
                .then().statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(633));
        // the organisation of the evaluation's first E3 case, with its projects
        given().when().get("/api/v1/organisations/{pic}", "999993274").then().statusCode(200)
                .body("participationCount", greaterThan(0))
                .body("participations.topic", hasItem(containsString("HORIZON")));
    }

    @Test
    void aZipWithoutOrganisationsIsAProblem400() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("project.csv"));
            zip.write("id;acronym;title\n1;X;Y\n".getBytes());
            zip.closeEntry();
        }
        given().contentType("application/zip").body(bytes.toByteArray()).when().post("/api/v1/imports/cordis")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("organization.csv"));
    }

    @Test
    void aLoneOrganisationCsvImportsWithoutBlankingKnownProjects() {
        String csv = "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active\n"
                + "990000001;LONER;990000009;;LONE ORG;LO;true;PRC;;;ATHENS;EL;;;;;;1;1;coordinator;1000,5;;;false;true\n";
        given().contentType("text/csv").body(csv).when().post("/api/v1/imports/cordis")
                .then().statusCode(200).body("created", equalTo(1));
        given().when().get("/api/v1/organisations/{pic}", "990000009").then().statusCode(200)
                .body("country", equalTo("GR"))
                .body("sme", equalTo(true))
                .body("participations[0].acronym", equalTo("LONER"))
                .body("participations[0].ecContribution", equalTo(1000.5f));
    }

    @Test
    void aPartialFileNeverDeletesParticipationsInProjectsItDoesNotList() {
        String header = "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active\n";
        String inFirst = "990000101;TIDES;990000109;;PARTIAL ORG;PO;true;PRC;;;LISBON;PT;;;;;;1;1;coordinator;1000;;;false;true\n";
        String inSecond = "990000102;WAVES;990000109;;PARTIAL ORG;PO;true;PRC;;;LISBON;PT;;;;;;1;1;participant;2000;;;false;true\n";
        String partnerInSecond = "990000102;WAVES;990000108;;OTHER ORG;OO;false;REC;;;PORTO;PT;;;;;;1;2;coordinator;500;;;false;true\n";
        given().contentType("text/csv").body(header + inFirst + inSecond + partnerInSecond)
                .when().post("/api/v1/imports/cordis").then().statusCode(200);
        given().when().get("/api/v1/organisations/{pic}", "990000109").then().statusCode(200)
                .body("participationCount", equalTo(2));
        // a file of the first project only (a truncated file, or one of another programme): its role there changes,
        // its participation in the second project stays
        given().contentType("text/csv").body(header + inFirst.replace("coordinator", "participant"))
                .when().post("/api/v1/imports/cordis").then().statusCode(200);
        given().when().get("/api/v1/organisations/{pic}", "990000109").then().statusCode(200)
                .body("participationCount", equalTo(2))
                .body("participations.acronym", hasItem("WAVES"))
                .body("participations.find { it.acronym == 'TIDES' }.role", equalTo("participant"));
        // nor does a file that lists the second project without the organisation: a file adds and updates
        given().contentType("text/csv").body(header + partnerInSecond)
                .when().post("/api/v1/imports/cordis").then().statusCode(200);
        given().when().get("/api/v1/organisations/{pic}", "990000109").then().statusCode(200)
                .body("participationCount", equalTo(2));
    }

    @Test
    void anOlderFileDoesNotOverwriteAnOrganisationAndIsCountedStale() {
        String header = "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active\n";
        String newer = "990000201;NEWER;990000209;;NEW NAME SA;NN;true;PRC;;;LYON;FR;;;;;;1;1;coordinator;1000;;;false;true\n";
        String older = "990000201;NEWER;990000209;;OLD NAME SARL;ON;true;PRC;;;LYON;FR;;;;;;1;1;coordinator;1000;;;false;true\n";
        given().contentType("text/csv").body(header + newer).queryParam("asOf", "2026-03-01T00:00:00Z")
                .when().post("/api/v1/imports/cordis").then().statusCode(200)
                .body("created", equalTo(1)).body("asOf", containsString("2026-03-01"));
        given().contentType("text/csv").body(header + older).queryParam("asOf", "2025-09-01T00:00:00Z")
                .when().post("/api/v1/imports/cordis").then().statusCode(200)
                .body("stale", equalTo(1)).body("updated", equalTo(0))
                .body("details.participations.stale", equalTo(1));
        given().when().get("/api/v1/organisations/{pic}", "990000209").then().statusCode(200)
                .body("name", equalTo("NEW NAME SA"));
        // the same older file sent without asOf is as of now: newer, and applied
        given().contentType("text/csv").body(header + older)
                .when().post("/api/v1/imports/cordis").then().statusCode(200).body("updated", equalTo(1));
        given().when().get("/api/v1/organisations/{pic}", "990000209").then().statusCode(200)
                .body("name", equalTo("OLD NAME SARL"));
    }
}
