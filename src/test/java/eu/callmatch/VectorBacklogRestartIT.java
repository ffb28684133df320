package eu.callmatch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service stopped while imported calls wait for their semantic vectors: the backlog is not kept, but the
 * index is, and the next start finds the calls without a vector and embeds them.
 */
class VectorBacklogRestartIT {

    static final int CALLS = 12;

    @Test
    void aRestartDuringABacklogResumesIt() throws Exception {
        Path dataDir = OrphanedDatabaseIT.fresh("data-vectors");
        Path log = OrphanedDatabaseIT.WORK.resolve("vectors.log");
        Files.deleteIfExists(log);
        int port = ReplicasIT.freePort();

        // the import's calls wait ten minutes for their vectors: the stop comes first
        Process service = OrphanedDatabaseIT.start(dataDir, port, log, "-Dcallmatch.search.vector-delay=PT10M");
        try {
            OrphanedDatabaseIT.awaitReady(service, port, Duration.ofSeconds(180));
            var imported = OrphanedDatabaseIT.post(port, "/api/v1/imports/calls?format=callmatch-jsonl&async=true",
                    "application/x-ndjson", calls());
            assertEquals(202, imported.statusCode(), imported.body());
            ReplicasIT.await("the import's calls pending", Duration.ofSeconds(60),
                    () -> calls(port).path("vectorsPending").asInt() == CALLS);
            assertEquals(0, calls(port).path("vectors").asInt());
        } finally {
            service.destroy(); // SIGTERM: a clean stop, the index committed with the calls but not their vectors
            assertTrue(service.waitFor(60, TimeUnit.SECONDS));
        }

        Process again = OrphanedDatabaseIT.start(dataDir, port, log, "-Dcallmatch.search.vector-delay=PT0S");
        try {
            OrphanedDatabaseIT.awaitReady(again, port, Duration.ofSeconds(180));
            ReplicasIT.await("the calls' vectors after the restart", Duration.ofSeconds(120),
                    () -> calls(port).path("vectors").asInt() == CALLS);
            assertEquals(0, calls(port).path("vectorsPending").asInt());
            assertTrue(Files.readString(log).contains(CALLS + " calls have no semantic vector yet"),
                    "the resumed backlog is logged");
        } finally {
            again.destroy();
            again.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String calls() {
        StringBuilder file = new StringBuilder();
        LocalDate today = LocalDate.now();
        for (int i = 1; i <= CALLS; i++) {
            file.append("""
                    {"identifier": "HORIZON-CL5-2031-RS-01-%02d", "title": "Restart %d: floating offshore wind", \
                    "openingDate": "%s", "deadlines": ["%s"], "description": "Moorings and cables of floating \
                    offshore wind turbines, inspected by underwater robots (%d)."}
                    """.formatted(i, i, today.minusDays(10), today.plusDays(60), i));
        }
        return file.toString();
    }

    /** The calls index in the admin status. */
    private static JsonNode calls(int port) {
        try {
            JsonNode status = ReplicasIT.JSON.readTree(OrphanedDatabaseIT.get(port, "/api/v1/admin/index").body());
            for (JsonNode index : status.path("indexes")) {
                if ("CALLS".equals(index.path("kind").asText())) {
                    return index;
                }
            }
            throw new AssertionError("no calls index in " + status);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
