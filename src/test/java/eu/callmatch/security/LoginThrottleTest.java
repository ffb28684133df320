package eu.callmatch.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The login throttle by client address, seen from outside: real connections from several loopback addresses. The
 * test profile locks an address out after 3 failures (for 3 s), slows a username after 6 failures from all
 * addresses, and trusts X-Forwarded-For only from 127.0.0.3 (its "proxy"); 127.0.0.1 and 127.0.0.2 are callers
 * that connect directly.
 */
@QuarkusTest
class LoginThrottleTest {

    static final String PROXY = "127.0.0.3";
    static final String PASSWORD = "the-right-password";

    record Reply(int status, Map<String, String> headers, String body) {
    }

    /** GET /api/v1/calls as username, over a connection from the given local address, with an X-Forwarded-For or none. */
    static Reply login(String from, String username, String password, String forwardedFor) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), RestAssured.port, InetAddress.getByName(from), 0)) {
            String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            String request = "GET /api/v1/calls?size=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\n" + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] head = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.putIfAbsent(head[i].substring(0, colon).toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
            return new Reply(Integer.parseInt(head[0].split(" ")[1]), headers, response.substring(end + 4));
        }
    }

    static void fail(String from, String username, String forwardedFor, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            assertEquals(401, login(from, username, "a-wrong-password-" + i, forwardedFor).status(),
                    "a wrong password from " + from + " / " + forwardedFor);
        }
    }

    static void assertLockedOut(Reply reply, String what) {
        assertEquals(429, reply.status(), what + ": " + reply.body());
        assertTrue(reply.headers().get("content-type").startsWith("application/problem+json"), reply.headers().toString());
        assertTrue(Integer.parseInt(reply.headers().get("retry-after")) >= 1, reply.headers().toString());
        assertTrue(reply.body().contains("Too many failed logins for this username from your address"), reply.body());
    }

    @Test
    void wrongPasswordsFromElsewhereDoNotLockTheUserOut() throws IOException {
        String username = AuthenticationTest.newUser("reader", PASSWORD);
        // an attacker connecting directly from 127.0.0.2 locks out 127.0.0.2 only
        fail("127.0.0.2", username, null, 3);
        assertLockedOut(login("127.0.0.2", username, PASSWORD, null), "the attacker's address, right password or not");
        assertEquals(200, login("127.0.0.1", username, PASSWORD, null).status(), "the user from another address");

        // behind the trusted proxy, the forwarded address is the one counted
        String other = AuthenticationTest.newUser("reader", PASSWORD);
        fail(PROXY, other, "203.0.113.10", 3);
        assertLockedOut(login(PROXY, other, PASSWORD, "203.0.113.10"), "the attacker behind the proxy");
        assertEquals(200, login(PROXY, other, PASSWORD, "198.51.100.20").status(),
                "the user behind the same proxy, from another address");
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerIsIgnored() throws IOException {
        String username = AuthenticationTest.newUser("reader", PASSWORD);
        // a new forged address every time: they all count for 127.0.0.2, which is not a trusted proxy
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("127.0.0.2", username, "wrong-" + i, "192.0.2." + (i + 1)).status());
        }
        assertLockedOut(login("127.0.0.2", username, "wrong-again", "192.0.2.99"), "a fourth forged address");
        assertLockedOut(login("127.0.0.2", username, PASSWORD, null), "the peer itself");
        // the forged addresses were never counted: from the proxy, one of them is a fresh client
        assertEquals(200, login(PROXY, username, PASSWORD, "192.0.2.1").status());
    }

    @Test
    void guessesSpreadOverManyAddressesLockEachAtItsFirstFailureButNotTheUser() throws IOException {
        String username = AuthenticationTest.newUser("reader", PASSWORD);
        // six addresses, two failures each: none reaches 3, the username reaches its ceiling of 6
        for (int i = 1; i <= 3; i++) {
            fail(PROXY, username, "198.51.100." + i, 2);
        }
        assertEquals(200, login(PROXY, username, PASSWORD, "198.51.100.1").status(), "under the ceiling, no lockout");
        // beyond it, a single failure locks its address
        fail(PROXY, username, "198.51.100.50", 1);
        assertLockedOut(login(PROXY, username, PASSWORD, "198.51.100.50"), "one failure beyond the ceiling");
        fail(PROXY, username, "198.51.100.51", 1);
        assertLockedOut(login(PROXY, username, "another-guess", "198.51.100.51"), "the next guesser");
        // the user, from an address that did not fail, is not locked out
        assertEquals(200, login(PROXY, username, PASSWORD, "203.0.113.77").status());
        assertEquals(200, login("127.0.0.1", username, PASSWORD, null).status());
    }
}
