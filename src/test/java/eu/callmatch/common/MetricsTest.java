package eu.callmatch.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/metrics in Prometheus's text format, with the service's own meters after an import and a search. */
@QuarkusTest
public class MetricsTest {

    @Test
    void importsSearchesAndIndexesAreMeasured() {
        double createdBefore = value(metrics(), "callmatch_import_records_total",
                "format=\"callmatch-jsonl\",outcome=\"created\"");
        double searchesBefore = value(metrics(), "callmatch_search_latency_seconds_count", "index=\"calls\"");
        double readsBefore = value(metrics(), "callmatch_calls_read_seconds_count", "rows=\"calls\"");

        String tag = UUID.randomUUID().toString().substring(0, 8).toLowerCase();
        String file = "{\"identifier\": \"METRICS-" + tag + "-1\", \"title\": \"Metered " + tag + "\"}\n"
                + "{\"identifier\": \"METRICS-" + tag + "-2\", \"title\": \"\"}\n";
        given().contentType("application/x-ndjson").body(file.getBytes(StandardCharsets.UTF_8))
                .queryParam("format", "callmatch-jsonl")
                .when().post("/api/v1/imports/calls")
                .then().statusCode(200).body("created", equalTo(1)).body("rejected", equalTo(1));
        given().queryParam("q", "metered " + tag).queryParam("status", "OPEN,FORTHCOMING,CLOSED")
                .when().get("/api/v1/calls")
                .then().statusCode(200).body("total", equalTo(1));

        String metrics = metrics();
        assertEquals(createdBefore + 1, value(metrics, "callmatch_import_records_total",
                "format=\"callmatch-jsonl\",outcome=\"created\""), 0.0);
        assertTrue(value(metrics, "callmatch_import_records_total", "format=\"callmatch-jsonl\",outcome=\"rejected\"") >= 1);
        assertTrue(value(metrics, "callmatch_import_duration_seconds_count",
                "format=\"callmatch-jsonl\",status=\"PARTIAL\"") >= 1, lines(metrics, "callmatch_import_duration"));
        assertEquals(searchesBefore + 1, value(metrics, "callmatch_search_latency_seconds_count", "index=\"calls\""), 0.0);
        assertTrue(has(metrics, "callmatch_search_latency_seconds_bucket", "index=\"calls\",le="),
                lines(metrics, "callmatch_search_latency"));
        // the page's call read from PostgreSQL (at least: the import's alerts may read calls too, in the background)
        assertTrue(value(metrics, "callmatch_calls_read_seconds_count", "rows=\"calls\"") >= readsBefore + 1,
                lines(metrics, "callmatch_calls_read"));
        assertTrue(has(metrics, "callmatch_calls_read_seconds_bucket", "rows=\"calls\",le="),
                lines(metrics, "callmatch_calls_read"));
        assertTrue(value(metrics, "callmatch_index_documents", "index=\"calls\"") >= 1, lines(metrics, "callmatch_index"));
        assertTrue(has(metrics, "callmatch_index_documents", "index=\"members\""), lines(metrics, "callmatch_index"));
        assertTrue(metrics.lines().anyMatch(l -> l.matches("callmatch_index_commit_age_seconds [0-9.]+")),
                lines(metrics, "callmatch_index"));
        // the test's fresh data directory made every index rebuild at start
        assertTrue(value(metrics, "callmatch_index_rebuild_duration_seconds_count", "index=\"organisations\"") >= 1,
                lines(metrics, "callmatch_index"));
    }

    /** The Prometheus text format (without this Accept header the registry answers in OpenMetrics). */
    public static String metrics() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
    }

    public static String lines(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** A sample's value; 0 when the series is not there yet. Labels are given first to last, as printed. */
    public static double value(String metrics, String name, String labels) {
        Matcher m = sample(metrics, name, labels);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /**
     * The sum of a metric's samples over the series whose labels (as printed, between the braces, in any order)
     * match {@code labels}; 0 when none does.
     */
    public static double sum(String metrics, String name, Pattern labels) {
        return metrics.lines().filter(l -> l.startsWith(name + "{")).mapToDouble(l -> {
            int close = l.lastIndexOf('}');
            return labels.matcher(l.substring(name.length() + 1, close)).find()
                    ? Double.parseDouble(l.substring(close + 1).trim()) : 0;
        }).sum();
    }

    static boolean has(String metrics, String name, String labels) {
        return sample(metrics, name, labels).find();
    }

    private static Matcher sample(String metrics, String name, String labels) {
        return Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels) + "[^}]*} (\\S+)$").matcher(metrics);
    }
}
