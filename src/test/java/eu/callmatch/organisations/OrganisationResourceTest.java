package eu.callmatch.organisations;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class OrganisationResourceTest {

    @Inject
    EntityManager em;

    @Inject
    eu.callmatch.common.changes.ChangeLog changes;

    @BeforeEach
    @Transactional
    void pool() {
        if (em.find(Organisation.class, "900000001") != null) {
            return;
        }
        PartnerPoolFixture pool = new PartnerPoolFixture(em);
        Organisation lab = pool.organisation("900000001", "Ocean Lab", "AQ", "REC", false);
        Organisation sme = pool.organisation("900000002", "Wave Drones", "AQ", "PRC", true);
        List<String> oceanography = List.of("/natural sciences/earth and related environmental sciences/oceanography");
        Project older = pool.project("101000001", "OLDER", "OLDER project", "HORIZON-CL5-2022-D6-01-08",
                LocalDate.of(2021, 1, 1), oceanography);
        Project newer = pool.project("101000002", "NEWER", "NEWER project", "HORIZON-CL5-2022-D6-01-08",
                LocalDate.of(2023, 6, 1), oceanography);
        pool.participate(lab, older, "coordinator", new BigDecimal("512000.50"));
        pool.participate(lab, newer, "participant", null);
        pool.participate(sme, newer, "coordinator", null);
        // as the CORDIS import does: the search index follows the change log
        changes.record(eu.callmatch.common.changes.ChangeLog.Kind.ORGANISATION, List.of(lab.pic, sme.pic));
    }

    @Test
    void oneOrganisationComesWithItsParticipationsNewestFirst() {
        given().when().get("/api/v1/organisations/{pic}", "900000001")
                .then().statusCode(200)
                .body("name", equalTo("Ocean Lab"))
                .body("organisationType", equalTo("RESEARCH_ORGANISATION"))
                .body("participationCount", equalTo(2))
                .body("participations.acronym", contains("NEWER", "OLDER"))
                .body("participations[1].role", equalTo("coordinator"))
                .body("participations[1].ecContribution", equalTo(512000.50f))
                .body("participations[0].topic", equalTo("HORIZON-CL5-2022-D6-01-08"));
    }

    @Test
    void listFiltersByCountryTypeAndSme() {
        // Antarctica: no other test's organisation is there
        given().queryParam("country", "AQ").queryParam("sme", true).queryParam("size", 200)
                .when().get("/api/v1/organisations")
                .then().statusCode(200)
                .body("items.pic", hasItem("900000002"))
                .body("items.pic", not(hasItem("900000001")));
        given().queryParam("country", "AQ").queryParam("organisationType", "RESEARCH_ORGANISATION").queryParam("size", 200)
                .when().get("/api/v1/organisations")
                .then().statusCode(200)
                .body("items.pic", hasItem("900000001"))
                .body("items.pic", not(hasItem("900000002")));
    }

    @Test
    void unknownOrganisationIsA404() {
        given().when().get("/api/v1/organisations/{pic}", "000000000")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
