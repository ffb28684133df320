package eu.callmatch.members;

import eu.callmatch.members.service.MemberService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class MemberResourceTest {

    static String memberJson(String name, String country) {
        return """
                {"name": "%s", "country": "%s", "organisationType": "SME", "pic": "999123456",
                 "description": "Underwater drones for port inspection.",
                 "keywords": ["underwater robotics", "ports"], "sectors": ["C28.99"], "programmes": ["Horizon Europe"],
                 "contact": {"name": "Claire Martin", "email": "claire@example.com", "phone": "+33 4 91 00 00 01"}}
                """.formatted(name, country);
    }

    static long create(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/members")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void postCreatesWithLocationAndGetReadsBack() {
        String name = "Blue Hull " + UUID.randomUUID();
        long id = given().contentType(ContentType.JSON).body(memberJson(name, "fr"))
                .when().post("/api/v1/members")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("country", equalTo("FR"))
                .extract().jsonPath().getLong("id");
        given().when().get("/api/v1/members/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo(name))
                .body("keywords", contains("underwater robotics", "ports"))
                .body("contact.email", equalTo("claire@example.com"));
    }

    @Test
    void locationHeaderPointsAtTheNewMember() {
        String location = given().contentType(ContentType.JSON).body(memberJson("Located " + UUID.randomUUID(), "PT"))
                .when().post("/api/v1/members")
                .then().statusCode(201).extract().header("Location");
        long id = given().when().get(location).then().statusCode(200).body("country", equalTo("PT"))
                .extract().jsonPath().getLong("id");
        org.junit.jupiter.api.Assertions.assertTrue(location.endsWith("/api/v1/members/" + id), location);
    }

    @Test
    void euCountryCodesAreAcceptedAndStoredAsIso() {
        String name = "Thermo " + UUID.randomUUID();
        long id = create(memberJson(name, "EL"));
        given().when().get("/api/v1/members/{id}", id).then().body("country", equalTo("GR"));
        given().queryParam("country", "EL").queryParam("size", 200).when().get("/api/v1/members")
                .then().statusCode(200).body("items.name", hasItem(name));
    }

    @Test
    void putReplacesAndDeleteRemoves() {
        long id = create(memberJson("Replace me " + UUID.randomUUID(), "ES"));
        String renamed = "Renamed " + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"" + renamed + "\", \"country\": \"ES\", \"organisationType\": \"PUBLIC_BODY\"}")
                .when().put("/api/v1/members/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo(renamed))
                .body("organisationType", equalTo("PUBLIC_BODY"))
                .body("contact", equalTo(null));
        given().when().delete("/api/v1/members/{id}", id).then().statusCode(204);
        given().when().get("/api/v1/members/{id}", id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void sameNameInSameCountryIsAConflict() {
        String name = "Twin " + UUID.randomUUID();
        create(memberJson(name, "IT"));
        given().contentType(ContentType.JSON).body(memberJson(name.toUpperCase(), "IT"))
                .when().post("/api/v1/members")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
        long other = create(memberJson(name, "AT"));
        given().contentType(ContentType.JSON).body(memberJson(name, "IT"))
                .when().put("/api/v1/members/{id}", other)
                .then().statusCode(409);
    }

    @Test
    void malformedJsonIsAProblem400() {
        given().contentType(ContentType.JSON).body("{bad")
                .when().post("/api/v1/members")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("line 1"));
    }

    @Test
    void invalidFieldsAreListed() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"country\": \"France\", \"pic\": \"12\", \"contact\": {\"email\": \"not-an-email\"}}")
                .when().post("/api/v1/members")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("contact.email", "country", "name", "organisationType", "pic"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"Nowhere Ltd\", \"country\": \"QQ\", \"organisationType\": \"SME\"}")
                .when().post("/api/v1/members")
                .then().statusCode(400).body("violations[0].field", equalTo("country"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"Nowhere Ltd\", \"country\": \"FR\", \"organisationType\": \"GIANT\"}")
                .when().post("/api/v1/members")
                .then().statusCode(400).body("violations[0].field", equalTo("organisationType"));
        given().queryParam("organisationType", "GIANT").when().get("/api/v1/members")
                .then().statusCode(400).body("violations[0].in", equalTo("query"));
        given().when().get("/api/v1/members/not-a-number").then().statusCode(404);
    }

    static String memberIn(String description, String language) {
        return """
                {"name": "Langue %s", "country": "FR", "organisationType": "SME", "description": "%s"%s}
                """.formatted(UUID.randomUUID(), description,
                language == null ? "" : ", \"language\": \"" + language + "\"");
    }

    @Test
    void aGivenLanguageIsKeptAndSaidToBeGiven() {
        // an English text the member says is Catalan: what the member says wins over what the text looks like
        long id = create(memberIn("Underwater drones for port inspection and hull cleaning in harbours.", "CA"));
        given().when().get("/api/v1/members/{id}", id)
                .then().statusCode(200).body("language", equalTo("ca")).body("languageSource", equalTo("GIVEN"));
        given().contentType(ContentType.JSON)
                .body(memberIn("Underwater drones for port inspection and hull cleaning in harbours.", null))
                .when().put("/api/v1/members/{id}", id)
                .then().statusCode(200).body("language", equalTo("en")).body("languageSource", equalTo("DETECTED"));
        given().when().get("/api/v1/members/{id}/audit", id)
                .then().statusCode(200).body("items.fields.flatten()", hasItem("language"));
    }

    @Test
    void withoutALanguageItIsDetectedFromTheText() {
        for (String[] text : new String[][]{
                {"fr", "Nous concevons des drones sous-marins pour l'inspection des ports et des parcs éoliens en mer."},
                {"es", "Diseñamos drones submarinos para la inspección de puertos y parques eólicos marinos."},
                {"de", "Wir entwickeln Unterwasserdrohnen für die Inspektion von Häfen und Offshore-Windparks."}}) {
            long id = create(memberIn(text[1], null));
            given().when().get("/api/v1/members/{id}", id)
                    .then().statusCode(200)
                    .body("language", equalTo(text[0]))
                    .body("languageSource", equalTo("DETECTED"));
        }
        // Portuguese is not a supported language: detected as none of them, not as the nearest one
        long id = create(memberIn("Construímos drones de inspeção subaquática para portos e parques eólicos offshore.", null));
        given().when().get("/api/v1/members/{id}", id)
                .then().statusCode(200).body("language", equalTo(null)).body("languageSource", equalTo("DETECTED"));
    }

    @Test
    void anUnsupportedLanguageIsA400InTheCallersWords() {
        for (String bad : new String[]{"pt", "fra", "French", "f1"}) {
            given().contentType(ContentType.JSON).body(memberIn("Underwater drones.", bad))
                    .when().post("/api/v1/members")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("language"))
                    .body("violations[0].message", equalTo(
                            "must be one of the supported languages en, fr, es, ca, de, it (ISO 639-1)"));
        }
    }

    @Inject
    MemberService memberService;

    @Inject
    EntityManager em;

    @Test
    void membersStoredBeforeLanguagesGetTheirsDetected() {
        long id = create(memberIn("Wir entwickeln Unterwasserdrohnen für die Inspektion von Häfen und Offshore-Windparks.", null));
        forgetLanguage(id); // as a row written before V11 has it
        given().when().get("/api/v1/members/{id}", id).then().body("languageSource", equalTo(null));
        while (memberService.detectMissingLanguages(200) > 0) {
            // other test classes' members may be waiting too
        }
        given().when().get("/api/v1/members/{id}", id)
                .then().statusCode(200).body("language", equalTo("de")).body("languageSource", equalTo("DETECTED"));
        given().when().get("/api/v1/members/{id}/audit", id)
                .then().statusCode(200).body("items.action", contains("CREATED")); // not an edit of the member
    }

    @Transactional
    void forgetLanguage(long id) {
        em.createNativeQuery("update member set language = null, language_source = null where id = ?1")
                .setParameter(1, id).executeUpdate();
    }
}
