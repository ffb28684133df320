package eu.callmatch.matching;

import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.organisations.Organisation;
import eu.callmatch.organisations.PartnerPoolFixture;
import eu.callmatch.organisations.Project;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
public class MatchingResourceTest {

    public static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Europe/Brussels"));
    /** A programme of this class's own: the other test classes' calls never pass the filter. */
    static final String PROGRAMME = "Matching Test Programme";
    static final String WIND = "HORIZON-CL9-2031-MT-01-01";
    static final String SOIL = "HORIZON-CL9-2031-MT-02-01";
    static final String CLOSED = "HORIZON-CL9-2029-MT-01-02";

    @Inject
    EntityManager em;

    @Inject
    ChangeLog changes;

    static String callJson(String title, String description, String actionType, LocalDate... deadlines) {
        String dates = String.join(",", java.util.Arrays.stream(deadlines).map(d -> "\"" + d + "\"").toList());
        return """
                {"title": "%s", "programme": "%s", "actionType": "%s", "openingDate": "%s", "deadlines": [%s],
                 "description": "%s", "url": "https://example.org/topic"}
                """.formatted(title, PROGRAMME, actionType, TODAY.minusDays(400), dates, description);
    }

    @BeforeEach
    void calls() {
        put(WIND, callJson("Floating offshore wind turbines and their moorings",
                "Floating offshore wind farms need lighter moorings and inspection by underwater robots.",
                "HORIZON-RIA", TODAY.plusDays(12)));
        put(SOIL, callJson("Soil health and regenerative agriculture",
                "Living labs for soil carbon and farm practices.", "HORIZON-CSA", TODAY.plusDays(40)));
        put(CLOSED, callJson("Offshore wind blade recycling",
                "Recycling wind turbine blades.", "HORIZON-IA", TODAY.minusDays(30)));
        pool();
    }

    private static void put(String id, String json) {
        given().contentType(ContentType.JSON).body(json).when().put("/api/v1/calls/{id}", id)
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    public static String profile(String description) {
        return """
                {"description": "%s", "keywords": ["offshore wind", "underwater robotics"], "country": "FR",
                 "organisationType": "SME", "sme": true, "programmes": []}
                """.formatted(description);
    }

    @Test
    void adHocProfileFindsTheClosestOpenCallWithReasons() {
        given().contentType(ContentType.JSON)
                .body(profile("We build underwater drones that inspect floating wind turbines and their moorings."))
                .queryParam("programme", PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("items[0].call.identifier", equalTo(WIND))
                .body("items[0].call.deadlines", hasItem(TODAY.plusDays(12).toString()))
                .body("items[0].reasons", hasItem(startsWith("profile terms in the title")))
                .body("items[0].reasons", hasItem("open to SMEs"))
                .body("items[0].reasons", hasItem(startsWith("deadline in 12 days")))
                .body("items.call.identifier", not(hasItem(CLOSED)))
                .body("total", equalTo(2));
    }

    @Test
    void aRankingDoesNotWaitForCallsVectorsStillBeingComputedAndSaysSo() throws InterruptedException {
        String programme = "Pending Vectors Programme";
        List<String> ids = java.util.stream.IntStream.rangeClosed(1, 40)
                .mapToObj(i -> "HORIZON-CL9-2031-PV-01-%02d".formatted(i)).toList();
        String profile = profile("We build underwater drones that inspect floating wind turbines and their moorings.");
        try {
            // an import in the background: once it has ended, its calls are searchable at once, their vectors follow
            int run = given().contentType("application/x-ndjson").body(pendingCalls(ids, programme, "moorings").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .queryParam("format", "callmatch-jsonl").queryParam("async", true)
                    .when().post("/api/v1/imports/calls")
                    .then().statusCode(202).extract().path("id");
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            String status;
            do {
                Thread.sleep(100);
                status = given().when().get("/api/v1/imports/{id}", run).then().extract().path("status");
            } while ("RUNNING".equals(status) && System.nanoTime() < until);
            assertEquals("SUCCEEDED", status);
            given().contentType(ContentType.JSON).body(profile).queryParam("programme", programme)
                    .when().post("/api/v1/call-matches")
                    .then().statusCode(200)
                    .body("pendingVectors", org.hamcrest.Matchers.greaterThan(0))
                    .body("items.size()", equalTo(20))
                    .body("items[0].reasons", hasItem(startsWith("profile terms in the title")))
                    .body("items.reasons.flatten()",
                            hasItem("not compared in meaning yet: the call's semantic vector is still being computed"));

        } finally {
            ids.forEach(id -> given().when().delete("/api/v1/calls/{id}", id));
        }
    }

    /** Calls with long descriptions: eight chunks each for the model, several seconds of work for 40 of them. */
    public static String pendingCalls(List<String> ids, String programme, String subject) {
        String text = "Floating offshore wind turbines need lighter " + subject + ", inspection by underwater robots "
                + "and predictive maintenance of their cables. ";
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            file.append("""
                    {"identifier": "%s", "title": "Offshore wind %s %d", "programme": "%s", "openingDate": "%s", \
                    "deadlines": ["%s"], "description": "%s"}
                    """.formatted(ids.get(i), subject, i + 1, programme, TODAY.minusDays(10), TODAY.plusDays(60),
                    text.repeat(60)));
        }
        return file.toString();
    }

    @Test
    void anSmeIsToldWhichCallsMentionSmesAsAWord() {
        String programme = "SME Mentions Programme";
        String says = "HORIZON-CL9-2031-SME-01-01";
        String assessment = "HORIZON-CL9-2031-SME-01-02";
        String phrase = "HORIZON-CL9-2031-SME-01-03";
        for (String[] call : new String[][]{
                {says, "Desalination membranes", "Pilots led by SMEs that test desalination membranes."},
                {assessment, "Desalination membranes, assessment", "A life-cycle assessment of desalination membranes."},
                {phrase, "Desalination membranes for small and medium-sized enterprises", "Pilot plants."}}) {
            put(call[0], """
                    {"title": "%s", "programme": "%s", "actionType": "HORIZON-IA", "openingDate": "%s",
                     "deadlines": ["%s"], "description": "%s"}
                    """.formatted(call[1], programme, TODAY.minusDays(10), TODAY.plusDays(60), call[2]));
        }
        String find = "items.find { it.call.identifier == '%s' }.reasons";

        given().contentType(ContentType.JSON).body(profile("Desalination membranes for water utilities."))
                .queryParam("programme", programme)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body(find.formatted(says), hasItem("open to SMEs, and the call mentions SMEs"))
                .body(find.formatted(phrase), hasItem("open to SMEs, and the call mentions SMEs"))
                // "assessment" holds the letters, not the word
                .body(find.formatted(assessment), hasItem("open to SMEs"));
        given().contentType(ContentType.JSON)
                .body("{\"description\": \"Desalination membranes for water utilities.\", \"country\": \"FR\"}")
                .queryParam("programme", programme)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body(find.formatted(says), not(hasItem(startsWith("open to SMEs"))));
    }

    @Test
    void aTwoStageCallSaysBothDeadlines() {
        String programme = "Two Stage Programme";
        String id = "HORIZON-CL9-2031-TWO-01-01";
        LocalDate first = TODAY.plusDays(30);
        LocalDate second = TODAY.plusDays(150);
        put(id, """
                {"title": "Hydrogen valleys", "programme": "%s", "actionType": "HORIZON-IA", "openingDate": "%s",
                 "deadlines": ["%s", "%s"], "deadlineModel": "two-stage", "description": "Regional hydrogen valleys."}
                """.formatted(programme, TODAY.minusDays(10), second, first));

        given().contentType(ContentType.JSON).body(profile("Hydrogen valleys in regions."))
                .queryParam("programme", programme)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("items[0].call.identifier", equalTo(id))
                .body("items[0].call.deadlines", contains(first.toString(), second.toString()))
                .body("items[0].reasons", hasItem("two-stage: first deadline " + first + ", second " + second))
                .body("items[0].reasons", hasItem(startsWith("deadline in 30 days")));
    }

    @Test
    void statusParameterIncludesClosedCalls() {
        given().contentType(ContentType.JSON).body(profile("Recycling of wind turbine blades."))
                .queryParam("programme", PROGRAMME).queryParam("status", "OPEN,FORTHCOMING,CLOSED")
                .queryParam("limit", 100)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("items.call.identifier", hasItem(CLOSED))
                .body("total", equalTo(3));
    }

    @Test
    void callsInTheAreaOfTheBestMatchesSayWhy() {
        given().contentType(ContentType.JSON).body(profile("Moorings for floating offshore wind turbines."))
                .queryParam("programme", PROGRAMME).queryParam("status", "OPEN,FORTHCOMING,CLOSED")
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("items[0].call.identifier", equalTo(WIND))
                .body("items.find { it.call.identifier == '" + CLOSED + "' }.reasons",
                        hasItem("in the work-programme area of the profile's best matches (HORIZON-CL9-MT)"));
    }

    @Test
    void includeIneligibleShowsClosedCallsWithTheReason() {
        given().contentType(ContentType.JSON).body(profile("Recycling of wind turbine blades."))
                .queryParam("programme", PROGRAMME).queryParam("includeIneligible", true)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("items.find { it.call.identifier == '" + CLOSED + "' }.reasons",
                        hasItem(startsWith("not eligible: the call is closed")));
    }

    @Test
    void frenchAndSpanishProfilesMatchOnSharedWords() {
        given().contentType(ContentType.JSON)
                .body("{\"description\": \"Nous concevons des drones sous-marins pour l'inspection des éoliennes offshore flottantes.\"}")
                .queryParam("programme", PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200).body("items[0].call.identifier", equalTo(WIND));
        given().contentType(ContentType.JSON)
                .body("{\"description\": \"Agricultura regenerativa y salud del suelo (soil health): laboratorios vivos.\", \"country\": \"ES\"}")
                .queryParam("programme", PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200).body("items[0].call.identifier", equalTo(SOIL));
    }

    @Test
    void theAnswerSaysTheProfilesLanguageGivenOrDetected() {
        String[][] detected = {
                {"fr", "Nous concevons des drones sous-marins pour l'inspection des éoliennes offshore flottantes."},
                {"es", "Diseñamos drones submarinos para inspeccionar aerogeneradores marinos flotantes y sus amarres."},
                {"de", "Wir entwickeln Unterwasserdrohnen zur Inspektion schwimmender Offshore-Windenergieanlagen."}};
        for (String[] text : detected) {
            given().contentType(ContentType.JSON)
                    .body("{\"description\": \"" + text[1] + "\"}")
                    .queryParam("programme", PROGRAMME)
                    .when().post("/api/v1/call-matches")
                    .then().statusCode(200)
                    .body("language", equalTo(text[0]))
                    .body("languageSource", equalTo("DETECTED"));
        }
        given().contentType(ContentType.JSON)
                .body("{\"description\": \"Drons submarins per a parcs eòlics marins.\", \"language\": \"ca\"}")
                .queryParam("programme", PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200).body("language", equalTo("ca")).body("languageSource", equalTo("GIVEN"));
        // a member's answer says the language its record holds
        long member = given().contentType(ContentType.JSON).body("""
                        {"name": "Coque Bleue %s", "country": "FR", "organisationType": "SME",
                         "description": "Robots d'inspection sous-marine pour les parcs éoliens flottants en mer."}
                        """.formatted(UUID.randomUUID()))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
        given().when().get("/api/v1/members/{id}/call-matches", member)
                .then().statusCode(200).body("language", equalTo("fr")).body("languageSource", equalTo("DETECTED"));
    }

    @Test
    void anUnsupportedProfileLanguageIs400() {
        given().contentType(ContentType.JSON).body("{\"description\": \"Drones sous-marins\", \"language\": \"xx\"}")
                .when().post("/api/v1/call-matches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("language"))
                .body("violations[0].message", equalTo(
                        "must be one of the supported languages en, fr, es, ca, de, it (ISO 639-1)"));
    }

    @Test
    void emptyProfileIs400() {
        given().contentType(ContentType.JSON).body("{\"description\": \"  \", \"keywords\": []}")
                .when().post("/api/v1/call-matches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("description"));
    }

    @Test
    void ineligibleCountryGetsNoCalls() {
        given().contentType(ContentType.JSON)
                .body("{\"description\": \"Floating offshore wind\", \"country\": \"BR\"}")
                .queryParam("programme", PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void memberCallMatchesAnd404() {
        long id = given().contentType(ContentType.JSON).body("""
                        {"name": "Blue Hull %s", "country": "FR", "organisationType": "SME",
                         "description": "Underwater inspection robots for floating offshore wind farms.",
                         "keywords": ["underwater robotics", "offshore wind"], "programmes": ["%s"]}
                        """.formatted(UUID.randomUUID(), PROGRAMME))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
        given().when().get("/api/v1/members/{id}/call-matches", id)
                .then().statusCode(200)
                .body("items[0].call.identifier", equalTo(WIND))
                .body("items.call.programme", everyItem(equalTo(PROGRAMME)));
        given().when().get("/api/v1/members/{id}/call-matches", 987_654_321L)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aProfileWithAPicGetsReasonsFromItsEuRecord() {
        String withPic = """
                {"description": "Sensors that measure soil carbon on farms.", "country": "ES", "sme": true,
                 "pic": "%s"}""";
        String soil = "items.find { it.call.identifier == '" + SOIL + "' }.reasons";
        given().contentType(ContentType.JSON).body(withPic.formatted("910000006"))
                .queryParam("programme", PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body("items[0].call.identifier", equalTo(SOIL))
                .body(soil, hasItem("in the work-programme area of the organisation's project SOILNET (HORIZON-CL9-MT)"))
                .body(soil, hasItem("the organisation's partners in SOILNET took part in 1 project of HORIZON-CL9-MT topics"))
                .body(soil, hasItem(startsWith("profile terms in the title")));
        // a stored member's PIC counts the same
        long member = given().contentType(ContentType.JSON).body("""
                        {"name": "Terra %s", "country": "ES", "organisationType": "SME", "pic": "910000006",
                         "description": "Sensors that measure soil carbon on farms.", "programmes": ["%s"]}
                        """.formatted(UUID.randomUUID(), PROGRAMME))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
        given().when().get("/api/v1/members/{id}/call-matches", member)
                .then().statusCode(200)
                .body(soil, hasItem(startsWith("the organisation's partners in SOILNET")));
        // a PIC the pool does not know changes nothing; a malformed one is the caller's error
        given().contentType(ContentType.JSON).body(withPic.formatted("999999999"))
                .queryParam("programme", PROGRAMME)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200)
                .body(soil, not(hasItem(startsWith("the organisation's partners"))));
        given().contentType(ContentType.JSON).body(withPic.formatted("12ab"))
                .when().post("/api/v1/call-matches")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void partnerMatchesScorePastProjectsAndExcludeTheRequester() {
        long lead = given().contentType(ContentType.JSON).body("""
                        {"name": "Lead %s", "country": "FR", "organisationType": "SME", "pic": "910000001",
                         "description": "Underwater robots.", "keywords": ["underwater robotics"]}
                        """.formatted(UUID.randomUUID()))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
        given().queryParam("member", lead).queryParam("source", "ORGANISATIONS").queryParam("limit", 50)
                .when().get("/api/v1/calls/{id}/partner-matches", WIND)
                .then().statusCode(200)
                .body("items.pic", hasItem("910000002"))
                .body("items.pic", not(hasItem("910000001")))
                .body("items.find { it.pic == '910000002' }.kind", equalTo("ORGANISATION"))
                .body("items.find { it.pic == '910000002' }.evidence[0].acronym", equalTo("MOORWIND"))
                .body("items.find { it.pic == '910000002' }.reasons", hasItem(startsWith("coordinated 1 project")))
                .body("items.find { it.pic == '910000003' }.reasons", hasItem(
                        "SME in PT, brings a country the consortium lacks"));
        // a project CORDIS gives no title or objective for is known by its topic and science fields
        given().queryParam("source", "ORGANISATIONS").queryParam("limit", 50)
                .when().get("/api/v1/calls/{id}/partner-matches", WIND)
                .then().statusCode(200)
                .body("items.find { it.pic == '910000005' }.evidence[0].acronym", equalTo("BAREWIND"))
                .body("items.find { it.pic == '910000005' }.reasons", hasItem(startsWith("took part in 1 project close")));
        given().queryParam("source", "ORGANISATIONS").queryParam("country", "PT")
                .when().get("/api/v1/calls/{id}/partner-matches", WIND)
                .then().statusCode(200).body("items.country", everyItem(equalTo("PT")));
        given().when().get("/api/v1/calls/{id}/partner-matches", "HORIZON-NO-SUCH-CALL")
                .then().statusCode(404);
        given().queryParam("member", 987_654_321L).when().get("/api/v1/calls/{id}/partner-matches", WIND)
                .then().statusCode(404);
    }

    @Test
    void consortiumMeetsTheRiaRuleOrSaysWhatIsMissing() {
        long lead = given().contentType(ContentType.JSON).body("""
                        {"name": "Lead %s", "country": "FR", "organisationType": "SME",
                         "description": "Underwater robots.", "keywords": ["underwater robotics"]}
                        """.formatted(UUID.randomUUID()))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
        given().queryParam("lead", lead).queryParam("size", 3)
                .when().get("/api/v1/calls/{id}/consortium", WIND)
                .then().statusCode(200)
                .body("minimumSize", equalTo(3))
                .body("lead.id", equalTo(String.valueOf(lead)))
                .body("partners.size()", greaterThanOrEqualTo(2))
                .body("countries.size()", greaterThanOrEqualTo(3))
                .body("partners[0].reason", org.hamcrest.Matchers.notNullValue());
        given().queryParam("lead", lead).when().get("/api/v1/calls/{id}/consortium", SOIL)
                .then().statusCode(200).body("minimumSize", equalTo(1));
        given().queryParam("lead", 987_654_321L).when().get("/api/v1/calls/{id}/consortium", WIND)
                .then().statusCode(404);
    }

    @Transactional
    void pool() {
        if (em.find(Organisation.class, "910000002") != null) {
            return;
        }
        PartnerPoolFixture pool = new PartnerPoolFixture(em);
        Organisation lab = pool.organisation("910000002", "Mooring Research Institute", "DE", "REC", false);
        Organisation sme = pool.organisation("910000003", "Ondas Robotics", "PT", "PRC", true);
        Organisation farm = pool.organisation("910000004", "Port Authority of Nowhere", "NL", "PUB", false);
        Project moor = pool.project("109000001", "MOORWIND", "Lightweight moorings for floating offshore wind turbines",
                "HORIZON-CL9-2030-MT-01-05", null, List.of());
        Project robots = pool.project("109000002", "SEAEYE", "Underwater robots inspecting offshore wind farm foundations",
                "HORIZON-CL9-2030-MT-01-06", null, List.of());
        Project port = pool.project("109000003", "PORTWIND", "Ports as hubs for offshore wind installation",
                "HORIZON-CL9-2030-MT-01-07", null, List.of());
        pool.participate(lab, moor, "coordinator", null);
        pool.participate(sme, robots, "participant", null);
        pool.participate(farm, port, "participant", null);
        Organisation bare = pool.organisation("910000005", "Wind Blade Laboratory", "NL", "REC", false);
        Project untitled = pool.project("109000004", "BAREWIND", null, "HORIZON-CL8-2030-ZZ-01-01", null,
                List.of("wind power", "offshore engineering"));
        untitled.topicTitle = "Floating offshore wind turbines and their moorings";
        pool.participate(bare, untitled, "participant", null);
        // an SME whose record lies in the soil call's area, through its own project and its partner's other one
        Organisation terra = pool.organisation("910000006", "Terra Sensing", "ES", "PRC", true);
        Organisation agro = pool.organisation("910000007", "Agro Institute", "IT", "REC", false);
        Project soilnet = pool.project("109000005", "SOILNET", "Soil carbon sensors for farms",
                "HORIZON-CL9-2030-MT-02-04", null, List.of());
        Project farmlab = pool.project("109000006", "FARMLAB", "Farm living labs", "HORIZON-CL9-2029-MT-02-02",
                null, List.of());
        pool.participate(terra, soilnet, "coordinator", null);
        pool.participate(agro, soilnet, "participant", null);
        pool.participate(agro, farmlab, "coordinator", null);
        changes.record(ChangeLog.Kind.ORGANISATION, List.of(lab.pic, sme.pic, farm.pic, bare.pic, terra.pic, agro.pic));
    }
}
