package eu.callmatch.common.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What HostileApiTest holds every answer to, as plain functions so that a unit test can show that each check fails
 * when it should: no 5xx, an error is problem+json with a title and a status, no internal name in an error, and
 * only statuses that the API document lists for the operation.
 */
final class AnswerChecks {

    /** Names only the service's insides use: Java packages, libraries, driver and parser vocabulary, stack frames. */
    static final Pattern INTERNALS = Pattern.compile("java\\.|javax\\.|jakarta\\.|com\\.fasterxml|org\\.hibernate"
            + "|org\\.postgresql|PSQLException|Exception|eu\\.callmatch|Jackson|JsonReadFeature|at [a-z]+\\.|SQLState"
            + "|Batch entry");

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerChecks() {
    }

    /** The internal names an answer's body shows, empty when it shows none. */
    static List<String> leaks(String body) {
        List<String> found = new ArrayList<>();
        Matcher m = INTERNALS.matcher(body == null ? "" : body);
        while (m.find() && found.size() < 3) {
            found.add(m.group());
        }
        return found;
    }

    /** Whether the document lists the status for the operation; {@code default} covers every status. */
    static boolean listed(Set<String> documented, int status) {
        return documented.contains("default") || documented.contains(String.valueOf(status))
                || documented.contains(status / 100 + "XX");
    }

    /** Why an error's body is not a problem detail, or null when it is one. */
    static String notAProblem(String contentType, String body) {
        if (contentType == null || !contentType.startsWith(Problem.MEDIA_TYPE)) {
            return "Content-Type is " + (contentType == null || contentType.isEmpty() ? "missing" : contentType)
                    + ", not " + Problem.MEDIA_TYPE;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem == null || !problem.path("title").isTextual() || !problem.path("status").isInt()) {
                return "the problem has no title or no status";
            }
        } catch (java.io.IOException e) {
            return "the problem body is not JSON";
        }
        return null;
    }

    /**
     * Everything wrong with one answer, empty when nothing is: {@code mustReject} says that the request carried a
     * value the operation's schema rules out, so that a 2xx means it was taken.
     */
    static List<String> verdict(Set<String> documented, int status, String contentType, String body, boolean mustReject) {
        List<String> wrong = new ArrayList<>();
        if (status >= 500) {
            wrong.add("answered " + status);
        }
        if (!listed(documented, status)) {
            wrong.add("status " + status + " is not in the API document for this operation");
        }
        if (status >= 400) {
            String shape = notAProblem(contentType, body);
            if (shape != null) {
                wrong.add(shape);
            }
            List<String> leaks = leaks(body);
            if (!leaks.isEmpty()) {
                wrong.add("the error shows internals " + leaks);
            }
        } else if (status < 300 && mustReject) {
            wrong.add("accepted a value its schema rules out");
        }
        return wrong;
    }
}
