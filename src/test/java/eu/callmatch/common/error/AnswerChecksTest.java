package eu.callmatch.common.error;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of HostileApiTest fail on what they are meant to catch, and pass a proper answer. */
class AnswerChecksTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Set<String> DOCUMENTED = Set.of("200", "400", "401", "403", "404", "500");

    @Test
    void flagsJavaJacksonAndPostgresNames() {
        assertEquals(List.of("com.fasterxml", "Exception"),
                AnswerChecks.leaks("{\"detail\": \"com.fasterxml.jackson.core.JsonParseException: Unexpected\"}"));
        assertFalse(AnswerChecks.leaks("Cannot deserialize value of type `java.util.ArrayList`").isEmpty());
        assertFalse(AnswerChecks.leaks("Batch entry 0 <unknown> was aborted").isEmpty());
        assertFalse(AnswerChecks.leaks("ERROR: value too long; SQLState: 22001").isEmpty());
        assertFalse(AnswerChecks.leaks("\tat io.vertx.core.Context.run(Context.java:1)").isEmpty());
        assertFalse(AnswerChecks.leaks("Unrecognized field in eu.callmatch.matching.MatchProfileDto").isEmpty());
        assertTrue(AnswerChecks.leaks("{\"title\": \"Bad Request\", \"detail\": \"Invalid query size: must be at most 200\"}")
                .isEmpty());
    }

    @Test
    void aStatusIsListedByItsCodeOrByDefault() {
        assertTrue(AnswerChecks.listed(DOCUMENTED, 404));
        assertFalse(AnswerChecks.listed(DOCUMENTED, 414));
        assertTrue(AnswerChecks.listed(Set.of("200", "default"), 414));
    }

    @Test
    void anErrorMustBeAProblemWithTitleAndStatus() {
        assertNull(AnswerChecks.notAProblem(PROBLEM, "{\"title\": \"Not Found\", \"status\": 404}"));
        assertNotNull(AnswerChecks.notAProblem("", ""));
        assertNotNull(AnswerChecks.notAProblem("text/html", "<html>Not Found</html>"));
        assertNotNull(AnswerChecks.notAProblem(PROBLEM, "{\"detail\": \"no title\"}"));
        assertNotNull(AnswerChecks.notAProblem(PROBLEM, "oops"));
    }

    @Test
    void theVerdictNamesEachThingWrong() {
        assertTrue(AnswerChecks.verdict(DOCUMENTED, 400, PROBLEM, "{\"title\": \"Bad Request\", \"status\": 400}", true)
                .isEmpty());
        assertEquals(1, AnswerChecks.verdict(DOCUMENTED, 500, PROBLEM, "{\"title\": \"Error\", \"status\": 500}", false).size());
        assertEquals(3, AnswerChecks.verdict(DOCUMENTED, 414, "text/plain", "java.lang.IllegalStateException", false).size());
        assertEquals(List.of("accepted a value its schema rules out"),
                AnswerChecks.verdict(DOCUMENTED, 200, "application/json", "{}", true));
        assertTrue(AnswerChecks.verdict(DOCUMENTED, 200, "application/json", "{}", false).isEmpty());
    }
}
