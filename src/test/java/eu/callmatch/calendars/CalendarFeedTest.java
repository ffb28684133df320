package eu.callmatch.calendars;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deadline calendars: what a calendar client subscribed to a feed's secret address reads, and revoking it. */
@QuarkusTest
class CalendarFeedTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Brussels"));

    @Test
    void aMembersFeedHasAnEventADeadlineThatFollowsTheCall() {
        String u = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String kept = "HORIZON-CAL-" + u + "-KEPT";
        String dropped = "HORIZON-CAL-" + u + "-DROPPED";
        putCall(kept, "Two-stage wind call", TODAY.plusDays(20), TODAY.plusDays(90));
        putCall(dropped, "Dismissed call", TODAY.plusDays(25));
        long member = member("Calendar member " + u);
        decide(member, kept, "{\"status\": \"APPLYING\"}");
        decide(member, dropped, "{\"status\": \"DISMISSED\", \"reasonCode\": \"NOT_RELEVANT\"}");

        var created = given().contentType(ContentType.JSON).body("{\"member\": " + member + "}")
                .when().post("/api/v1/calendar-feeds")
                .then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", notNullValue())
                .body("member", equalTo((int) member)).body("url", startsWith("http"))
                .extract().jsonPath();
        long feed = created.getLong("id");
        String address = URI.create(created.getString("url")).getPath();
        assertTrue(address.matches("/api/v1/calendars/[A-Za-z0-9_-]{43}/deadlines\\.ics"), address);

        String ics = read(address);
        assertTrue(ics.contains("DTSTART;VALUE=DATE:" + TODAY.plusDays(20).toString().replace("-", "")), ics);
        Map<String, VEvent> events = events(ics);
        String first = "deadline-1." + kept + ".member-" + member + "@callmatch";
        String second = "deadline-2." + kept + ".member-" + member + "@callmatch";
        assertEquals(List.of(first, second), List.copyOf(events.keySet()), "the kept call's two deadlines only");
        assertEquals(TODAY.plusDays(20), day(events.get(first)));
        assertEquals(TODAY.plusDays(90), day(events.get(second)));
        assertTrue(events.get(first).getSummary().getValue().contains("Two-stage wind call"));
        assertEquals("https://example.org/" + kept, events.get(first).getUrl().getValue());

        // the deadline moves: the same event, a new day
        putCall(kept, "Two-stage wind call", TODAY.plusDays(27), TODAY.plusDays(90));
        Map<String, VEvent> moved = events(read(address));
        assertEquals(List.of(first, second), List.copyOf(moved.keySet()));
        assertEquals(TODAY.plusDays(27), day(moved.get(first)));

        given().when().get("/api/v1/calendar-feeds/{id}", feed)
                .then().statusCode(200).body("url", nullValue()).body("lastReadAt", notNullValue())
                .body("revokedAt", nullValue());

        // revoked: the address is dead at once, the feed stays as a record
        given().when().delete("/api/v1/calendar-feeds/{id}", feed).then().statusCode(204);
        given().auth().none().when().get(address)
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/calendar-feeds/{id}", feed)
                .then().statusCode(200).body("revokedAt", notNullValue());
        given().when().delete("/api/v1/calendar-feeds/{id}", feed).then().statusCode(204);
        given().auth().none().when().get("/api/v1/calendars/{token}/deadlines.ics", "a".repeat(43))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aStaffFeedHasThePipelinesOfTheMembersTheyLookAfter() {
        String u = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String staff = "cal-staff-" + u.toLowerCase();
        String call = "HORIZON-CAL-" + u + "-STAFF";
        putCall(call, "Staff feed call", TODAY.plusDays(33));
        long mine = member("Looked after " + u);
        long other = member("Someone else's " + u);
        given().contentType(ContentType.JSON).body("{\"assignee\": \"" + staff + "\"}")
                .when().put("/api/v1/members/{id}/assignee", mine).then().statusCode(200);
        decide(mine, call, "{\"status\": \"SHORTLISTED\"}");
        decide(other, call, "{\"status\": \"SHORTLISTED\"}");

        String url = given().contentType(ContentType.JSON).body("{\"assignee\": \"" + staff + "\"}")
                .when().post("/api/v1/calendar-feeds")
                .then().statusCode(201).body("assignee", equalTo(staff)).extract().jsonPath().getString("url");
        Map<String, VEvent> events = events(read(URI.create(url).getPath()));
        assertEquals(List.of("deadline-1." + call + ".member-" + mine + "@callmatch"), List.copyOf(events.keySet()));
    }

    @Test
    void aFeedNeedsExactlyOneOwnerThatExists() {
        given().contentType(ContentType.JSON).body("{\"member\": 1, \"assignee\": \"alice\"}")
                .when().post("/api/v1/calendar-feeds").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/calendar-feeds").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"member\": 987654321}")
                .when().post("/api/v1/calendar-feeds").then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/api/v1/calendar-feeds/{id}", 987654321).then().statusCode(404);
        given().auth().none().contentType(ContentType.JSON).body("{\"assignee\": \"alice\"}")
                .when().post("/api/v1/calendar-feeds").then().statusCode(401);
    }

    // --- fixtures and reading ---

    static String read(String address) {
        return given().auth().none().when().get(address)
                .then().statusCode(200).contentType(startsWith("text/calendar")).extract().asString();
    }

    /** The feed parsed back by the library, events by UID in the order of their UIDs. */
    static Map<String, VEvent> events(String ics) {
        ICalendar calendar = Biweekly.parse(ics).first();
        assertEquals("-//Callmatch//Deadlines//EN", calendar.getProductId().getValue());
        Map<String, VEvent> byUid = new TreeMap<>();
        for (VEvent event : calendar.getEvents()) {
            byUid.put(event.getUid().getValue(), event);
        }
        assertEquals(calendar.getEvents().size(), byUid.size(), "UIDs are unique");
        return byUid;
    }

    static LocalDate day(VEvent event) {
        assertTrue(!event.getDateStart().getValue().hasTime(), "an all-day event");
        return event.getDateStart().getValue().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    }

    static void putCall(String id, String title, LocalDate... deadlines) {
        StringBuilder days = new StringBuilder();
        for (LocalDate d : deadlines) {
            days.append(days.isEmpty() ? "" : ", ").append('"').append(d).append('"');
        }
        given().contentType(ContentType.JSON).body("""
                        {"identifier": "%s", "title": "%s", "programme": "Calendar tests", "actionType": "HORIZON-RIA",
                         "openingDate": "%s", "deadlines": [%s], "description": "Wind.", "url": "https://example.org/%s"}"""
                        .formatted(id, title, TODAY.minusDays(30), days, id))
                .when().put("/api/v1/calls/{id}", id).then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    static long member(String name) {
        return given().contentType(ContentType.JSON).body("""
                        {"name": "%s", "country": "FR", "organisationType": "SME", "description": "Wind drones.",
                         "keywords": [], "programmes": []}""".formatted(name))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static void decide(long member, String call, String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/members/{id}/calls/{call}/decision", member, call).then().statusCode(200);
    }
}
