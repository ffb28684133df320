package eu.callmatch.workflow;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import eu.callmatch.digests.service.DigestSender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static eu.callmatch.workflow.WorkflowResourceTest.TODAY;
import static eu.callmatch.workflow.WorkflowResourceTest.WIND_PROFILE;
import static eu.callmatch.workflow.WorkflowResourceTest.callLine;
import static eu.callmatch.workflow.WorkflowResourceTest.decide;
import static eu.callmatch.workflow.WorkflowResourceTest.importAndAwaitAlerts;
import static eu.callmatch.workflow.WorkflowResourceTest.putCall;
import static eu.callmatch.workflow.WorkflowResourceTest.uid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The e-mail digest through a real SMTP server (GreenMail, on quarkus.mailer.port of the test profile). */
@QuarkusTest
class DigestMailTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(3125, "localhost", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Inject
    DigestSender sender;

    @Test
    void aSubscribedMemberGetsItsDigestOnceInItsLanguageAndCanUnsubscribe() throws Exception {
        String u = uid();
        String programme = "Digest Mail " + u;
        String wind = "HORIZON-DM-" + u + "-WIND";
        String kept = "HORIZON-DM-" + u + "-KEPT";
        String contact = "claire." + u.toLowerCase() + "@member.example";
        String staff = "alice." + u.toLowerCase() + "@helpdesk.example";
        long member = given().contentType(ContentType.JSON).body("""
                        {"name": "Pôle Mer <Méditerranée> %s", "country": "FR", "organisationType": "SME",
                         "description": "%s", "keywords": [], "programmes": ["%s"],
                         "contact": {"name": "Claire Martin", "email": "%s"}}""".formatted(u, WIND_PROFILE, programme, contact))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body("{\"assignee\": \"" + staff + "\"}")
                .when().put("/api/v1/members/{id}/assignee", member).then().statusCode(200);
        putCall(kept, programme, "Kept wind call", "Wind.", TODAY.plusDays(12));
        decide(member, kept, "{\"status\": \"APPLYING\"}");
        importAndAwaitAlerts("dm-" + u, callLine(wind, programme, "Floating offshore wind turbines and their moorings",
                "Floating offshore wind farms need lighter moorings and inspection by underwater robots.",
                TODAY.plusDays(30), 2_000_000));
        given().contentType(ContentType.JSON).body("{\"rhythm\": \"DAILY\", \"toContact\": true, \"toAssignee\": true, "
                        + "\"language\": \"fr\"}")
                .when().put("/api/v1/members/{id}/digest-subscription", member)
                .then().statusCode(200).body("rhythm", equalTo("DAILY")).body("language", equalTo("fr"));

        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Brussels"));
        assertTrue(send(now) >= 2);
        MimeMessage toContact = arrived(contact);
        MimeMessage toStaff = arrived(staff);

        // headers
        assertEquals(List.of(contact), Arrays.stream(toContact.getRecipients(Message.RecipientType.TO))
                .map(Object::toString).toList());
        assertTrue(toContact.getFrom()[0].toString().contains("callmatch@localhost"));
        assertTrue(toContact.getSubject().startsWith("Appels à projets pour Pôle Mer <Méditerranée> " + u),
                toContact.getSubject());
        String unsubscribeHeader = toContact.getHeader("List-Unsubscribe")[0];
        assertEquals("List-Unsubscribe=One-Click", toContact.getHeader("List-Unsubscribe-Post")[0]);

        // both parts, in French, with the links
        MimeMultipart parts = (MimeMultipart) toContact.getContent();
        String text = part(parts, "text/plain");
        String html = part(parts, "text/html");
        assertTrue(text.contains("Appels nouveaux et modifiés (1)"), text);
        assertTrue(text.contains("- " + wind + ": Floating offshore wind"), text);
        assertTrue(text.contains("https://example.org/" + wind), text);
        assertTrue(text.contains("Prochaines échéances des appels que vous poursuivez"), text);
        assertTrue(text.contains(kept + " (APPLYING): échéance le " + TODAY.plusDays(12) + " (dans 12 jours)"), text);
        assertTrue(html.contains("<a href=\"https://example.org/" + wind + "\">"), html);
        assertTrue(html.contains("Pôle Mer &lt;Méditerranée&gt;"), "the HTML part escapes data: " + html);
        assertTrue(html.contains("<html lang=\"fr\">"), html);
        Matcher link = Pattern.compile("(https?://\\S+/api/v1/digests/unsubscribe/[A-Za-z0-9_.-]+)").matcher(text);
        assertTrue(link.find(), text);
        assertEquals("<" + link.group(1) + ">", unsubscribeHeader);
        assertTrue(html.contains(link.group(1)));
        assertTrue(!part((MimeMultipart) toStaff.getContent(), "text/plain").contains(link.group(1)),
                "the staff user's link is their own");

        // nothing twice: another run of the day (a restart, a second replica) sends nothing
        int before = SMTP.getReceivedMessages().length;
        assertEquals(0, send(laterToday(now, 5)));
        assertEquals(before, SMTP.getReceivedMessages().length);
        given().queryParam("member", member).when().get("/api/v1/digest-deliveries")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.recipient", hasItems(contact, staff))
                .body("items.recipientKind", hasItems("CONTACT", "ASSIGNEE"))
                .body("items[0].sentAt", org.hamcrest.Matchers.notNullValue());

        // the link, without a login: the page asks, the POST unsubscribes the contact and only them
        String path = URI.create(link.group(1)).getPath();
        given().auth().none().when().get(path)
                .then().statusCode(200).contentType(startsWith("text/html")).body(containsString("<form method=\"post\">"));
        given().auth().none().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(path)
                .then().statusCode(200).body(containsString("no more of these digests"));
        given().when().get("/api/v1/members/{id}/digest-subscription", member)
                .then().statusCode(200).body("toContact", equalTo(false)).body("toAssignee", equalTo(true));
        given().auth().none().when().post(path.substring(0, path.length() - 3) + "xyz")
                .then().statusCode(404).contentType("application/problem+json");

        // the next day: the deadline reminder goes to the staff user only
        before = SMTP.getReceivedMessages().length;
        send(now.plusDays(1));
        List<String> next = Arrays.stream(SMTP.getReceivedMessages()).skip(before)
                .map(m -> address(m)).toList();
        assertTrue(next.contains(staff), next.toString());
        assertTrue(!next.contains(contact), next.toString());
    }

    @Test
    void aSubscriptionWithoutALanguageTakesTheMembersOwnWhereTheDigestHasWordsForIt() {
        String u = uid();
        long spanish = member("Clúster Marítimo " + u, "Diseñamos drones submarinos que inspeccionan los aerogeneradores "
                + "flotantes, sus amarres y sus cables, con mantenimiento predictivo.", null);
        long german = member("Meerestechnik " + u, "Offshore wind.", "de");
        subscribe(spanish, null).body("language", equalTo("es"));
        subscribe(german, null).body("language", equalTo("en")); // no German digest: English
        subscribe(german, "fr").body("language", equalTo("fr"));
    }

    private static long member(String name, String description, String language) {
        return given().contentType(ContentType.JSON).body("""
                        {"name": "%s", "country": "ES", "organisationType": "SME", "description": "%s"%s}"""
                        .formatted(name, description, language == null ? "" : ", \"language\": \"" + language + "\""))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static io.restassured.response.ValidatableResponse subscribe(long member, String language) {
        String given = language == null ? "" : ", \"language\": \"" + language + "\"";
        return given().contentType(ContentType.JSON).body("{\"rhythm\": \"WEEKLY\"" + given + "}")
                .when().put("/api/v1/members/{id}/digest-subscription", member)
                .then().statusCode(200);
    }

    @Test
    void aDigestTheMailServerRefusedIsRecordedAndSentByTheNextRunOfTheDay() throws Exception {
        String u = uid();
        String programme = "Digest Retry " + u;
        String contact = "marta." + u.toLowerCase() + "@member.example";
        long member = given().contentType(ContentType.JSON).body("""
                        {"name": "Aigües de Barcelona %s", "country": "ES", "organisationType": "SME",
                         "description": "%s", "keywords": [], "programmes": ["%s"],
                         "contact": {"name": "Marta Puig", "email": "%s"}}""".formatted(u, WIND_PROFILE, programme, contact))
                .when().post("/api/v1/members").then().statusCode(201).extract().jsonPath().getLong("id");
        String kept = "HORIZON-DR-" + u + "-KEPT";
        putCall(kept, programme, "Kept wind call", "Wind.", TODAY.plusDays(9));
        decide(member, kept, "{\"status\": \"APPLYING\"}");
        given().contentType(ContentType.JSON).body("{\"rhythm\": \"DAILY\", \"toContact\": true, \"toAssignee\": false, "
                        + "\"language\": \"es\"}")
                .when().put("/api/v1/members/{id}/digest-subscription", member).then().statusCode(200);
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Brussels"));

        SMTP.stop();
        send(now);
        given().queryParam("member", member).when().get("/api/v1/digest-deliveries")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].sentAt", org.hamcrest.Matchers.nullValue())
                .body("items[0].failure", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));

        SMTP.start();
        send(laterToday(now, 30));
        given().queryParam("member", member).when().get("/api/v1/digest-deliveries")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].sentAt", org.hamcrest.Matchers.notNullValue())
                .body("items[0].failure", org.hamcrest.Matchers.nullValue());
        MimeMessage arrived = arrived(contact);
        assertTrue(part((MimeMultipart) arrived.getContent(), "text/plain").contains(kept), "the retried digest");
        int received = SMTP.getReceivedMessages().length;
        send(laterToday(now, 40));
        assertEquals(received, SMTP.getReceivedMessages().length, "a digest that went out is not sent again");
    }

    @Test
    void aStaffUserGetsTheNewHitsOfTheirSavedSearchesAtTheAddressTheyGave() throws Exception {
        String u = uid();
        String programme = "Digest Hits " + u;
        String tide = "HORIZON-DH-" + u + "-TIDE";
        String owner = "dh-" + u.toLowerCase();
        String address = "jordi." + u.toLowerCase() + "@helpdesk.example";
        given().contentType(ContentType.JSON).body("{\"username\": \"" + owner
                        + "\", \"password\": \"saved-search-pass-2026\", \"roles\": [\"staff\"]}")
                .when().post("/api/v1/users").then().statusCode(201);
        // their own address, which only they (and admins) set
        SavedSearchTest.as(owner).contentType(ContentType.JSON)
                .body("{\"email\": \"not an address\"}").when().put("/api/v1/users/{u}/email", owner)
                .then().statusCode(400).contentType("application/problem+json");
        SavedSearchTest.as(owner).contentType(ContentType.JSON)
                .body("{\"email\": \"" + address + "\"}").when().put("/api/v1/users/{u}/email", "test-admin")
                .then().statusCode(403).contentType("application/problem+json");
        SavedSearchTest.as(owner).contentType(ContentType.JSON)
                .body("{\"email\": \"" + address + "\"}").when().put("/api/v1/users/{u}/email", owner)
                .then().statusCode(200).body("email", equalTo(address));
        long search = SavedSearchTest.as(owner).contentType(ContentType.JSON)
                .body("{\"name\": \"Tidal " + u + "\", \"q\": \"tidal\", \"programme\": \"" + programme + "\"}")
                .when().post("/api/v1/saved-searches").then().statusCode(201).extract().jsonPath().getLong("id");
        importAndAwaitAlerts("dh-" + u, callLine(tide, programme, "Tidal stream turbines",
                "Tidal stream turbines for island grids.", TODAY.plusDays(25), 3_000_000));
        SavedSearchTest.awaitHits(owner, search, 1);

        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Brussels"));
        send(now);
        MimeMessage mail = arrived(address);
        String text = part((MimeMultipart) mail.getContent(), "text/plain");
        assertTrue(mail.getSubject().startsWith("Your saved searches found 1 new or changed call"), mail.getSubject());
        assertTrue(text.contains("- " + tide + ": Tidal stream turbines"), text);
        assertTrue(text.contains("found by your saved search: Tidal " + u), text);
        assertTrue(text.contains("https://example.org/" + tide), text);
        given().queryParam("owner", owner).when().get("/api/v1/digest-deliveries")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].recipientKind", equalTo("SAVED_SEARCHES")).body("items[0].recipient", equalTo(address))
                .body("items[0].alerts", equalTo(1)).body("items[0].sentAt", org.hamcrest.Matchers.notNullValue());

        // the next day: nothing new, nothing sent
        int received = SMTP.getReceivedMessages().length;
        send(now.plusDays(1));
        assertEquals(received, SMTP.getReceivedMessages().length);
        given().queryParam("owner", owner).when().get("/api/v1/digest-deliveries")
                .then().statusCode(200).body("total", equalTo(1));
    }

    /** Some minutes later, but on the same day (an edition is a day: near midnight, later is the day's last instant). */
    private static ZonedDateTime laterToday(ZonedDateTime now, int minutes) {
        ZonedDateTime later = now.plusMinutes(minutes);
        return later.toLocalDate().equals(now.toLocalDate()) ? later : now.with(java.time.LocalTime.MAX);
    }

    /** As the scheduler runs it: on a thread of its own, outside any request. */
    private int send(ZonedDateTime at) throws Exception {
        return CompletableFuture.supplyAsync(() -> sender.send(at)).get();
    }

    private static MimeMessage arrived(String to) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> to.equals(address(m))).findFirst()
                .orElseThrow(() -> new AssertionError("no message to " + to));
    }

    private static String address(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMultipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof MimeMultipart nested) {
                String found = part(nested, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
