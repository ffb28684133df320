package eu.callmatch.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A member's contact person is personal data: shown to staff and admins only, never searchable, kept out of the
 * audit trail (which names fields, not values), exported on request, and gone for good when the member is deleted.
 */
@QuarkusTest
class MemberPrivacyTest {

    @Inject
    AgroalDataSource db;

    static String member(String name, String word, String email, String phone) {
        return """
                {"name": "%s", "country": "DE", "organisationType": "SME", "description": "Hull cleaning robots %s.",
                 "keywords": ["hull cleaning"], "contact": {"name": "Jana Schmidt", "email": "%s", "phone": "%s"}}
                """.formatted(name, word, email, phone);
    }

    @Test
    void contactDataIsForStaffOnlyAuditedByFieldNameExportedAndErasedForGood() throws SQLException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String word = "privword" + tag;
        String email = "jana." + tag + "@example.com";
        String name = "Privacy Robotics " + tag;
        long id = Accounts.as("staff").contentType(ContentType.JSON).body(member(name, word, email, "+49 30 1234567"))
                .when().post("/api/v1/members")
                .then().statusCode(201).body("contact.email", equalTo(email))
                .extract().jsonPath().getLong("id");

        // readers (other systems) get no member, and so no contact person
        Accounts.as("reader").when().get("/api/v1/members/{id}", id).then().statusCode(403);
        Accounts.as("reader").when().get("/api/v1/members?q={q}", word).then().statusCode(403);
        Accounts.as("reader").when().get("/api/v1/members/{id}/export", id).then().statusCode(403);
        // staff see it
        Accounts.as("staff").when().get("/api/v1/members/{id}", id)
                .then().statusCode(200).body("contact.email", equalTo(email));
        // the contact person is not in the index: the member's text is, its contact's is not
        Accounts.as("staff").when().get("/api/v1/members?q={q}", word).then().statusCode(200).body("items.id", hasItem((int) id));
        Accounts.as("staff").when().get("/api/v1/members?q={q}", "jana." + tag).then().statusCode(200).body("total", equalTo(0));

        Accounts.as("staff").contentType(ContentType.JSON).body(member(name, word, email, "+49 30 7654321"))
                .when().put("/api/v1/members/{id}", id).then().statusCode(200);

        // the trail: who, what, which fields; no values
        String trail = Accounts.as("admin").when().get("/api/v1/members/{id}/audit", id)
                .then().statusCode(200)
                .body("items.action", contains("CREATED", "UPDATED"))
                .body("items[0].actor", equalTo("sec-staff"))
                .body("items[0].fields", hasItems("name", "description", "contact.email", "contact.phone"))
                .body("items[1].fields", contains("contact.phone"))
                .extract().asString();
        assertNoPersonalData(trail, email);
        Accounts.as("staff").when().get("/api/v1/members/{id}/audit", id).then().statusCode(403);

        // a data-subject request: everything held on the member
        Accounts.as("staff").when().get("/api/v1/members/{id}/export", id)
                .then().statusCode(200)
                .body("member.contact.email", equalTo(email))
                .body("member.contact.phone", equalTo("+49 30 7654321"))
                .body("audit.action", contains("CREATED", "UPDATED", "EXPORTED"));

        // erasure: admins only; then nothing of the person is left in the database or the index
        Accounts.as("staff").when().delete("/api/v1/members/{id}", id).then().statusCode(403);
        Accounts.as("admin").when().delete("/api/v1/members/{id}", id).then().statusCode(204);
        Accounts.as("staff").when().get("/api/v1/members/{id}", id).then().statusCode(404);
        Accounts.as("staff").when().get("/api/v1/members/{id}/export", id).then().statusCode(404);
        Accounts.as("staff").when().get("/api/v1/members?q={q}", word).then().statusCode(200).body("total", equalTo(0));
        String after = Accounts.as("admin").when().get("/api/v1/members/{id}/audit", id)
                .then().statusCode(200).body("items.action", contains("CREATED", "UPDATED", "EXPORTED", "DELETED"))
                .extract().asString();
        assertNoPersonalData(after, email);
        assertEquals(0, count("select count(*) from member where id = ? or contact_email = ?", id, email));
        assertEquals(0, count("select count(*) from member_audit where member_id = ? and "
                + "(actor || array_to_string(fields, ',')) ilike ?", id, "%" + tag + "%"));
    }

    @Test
    void anUnknownMembersTrailIsA404() {
        Accounts.as("admin").when().get("/api/v1/members/{id}/audit", 876543210L).then().statusCode(404);
    }

    private static void assertNoPersonalData(String body, String email) {
        org.hamcrest.MatcherAssert.assertThat(body, not(containsString(email)));
        org.hamcrest.MatcherAssert.assertThat(body, not(containsString("Jana")));
        org.hamcrest.MatcherAssert.assertThat(body, not(containsString("1234567")));
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
