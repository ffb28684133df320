package eu.callmatch.imports.service;

import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.imports.ImportRun;
import eu.callmatch.imports.ImportRunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose process died never stays RUNNING and leaves no spool file (issue 20: after a kill -9 a run stayed
 * RUNNING until a restart more than five minutes later, and its upload stayed in data/spool for good).
 */
@QuarkusTest
class CrashedImportTest {

    @Inject
    ImportRunService service;

    @Inject
    ImportRunRepository runs;

    @Inject
    Spool spool;

    @Inject
    CallmatchConfig config;

    @Test
    void aRunWhoseProcessStoppedBeatingIsClosedByAnyReplicaAndItsSpoolFileRemoved() throws IOException {
        Path crashedFile = spool.newFile("import-", "");
        long crashed = running("gone-host/4242/deadbeef", Duration.ofMinutes(2), crashedFile);
        Path aliveFile = spool.newFile("import-", "");
        long alive = running("other-replica/17/cafebabe", Duration.ofSeconds(5), aliveFile);

        service.closeAbandoned();

        given().when().get("/api/v1/imports/{id}", crashed).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("message", startsWith("the service stopped during this import"))
                .body("finishedAt", notNullValue());
        assertFalse(Files.exists(crashedFile), "the crashed run's spool file is removed");
        given().when().get("/api/v1/imports/{id}", alive).then().statusCode(200).body("status", equalTo("RUNNING"));
        assertTrue(Files.exists(aliveFile), "a run that beats is another replica's, still going");
        finish(alive, aliveFile);
    }

    @Test
    void atStartTheRunOfTheProcessBeforeIsClosedAtOnceAndLeftoverSpoolFilesGo() throws IOException {
        Instant beforeThisProcess = Instant.now().minus(Duration.ofDays(1));
        // crashed seconds before the restart: its heartbeat is fresh, but its spool file is in this process's spool
        Path crashedFile = spool.newFile("import-", "");
        Files.setLastModifiedTime(crashedFile, FileTime.from(beforeThisProcess));
        long crashed = running("this-host/1/0ld0ne", Duration.ofSeconds(3), crashedFile);
        Path leftover = spool.newFile("source-cordis-", ".data");
        Files.setLastModifiedTime(leftover, FileTime.from(beforeThisProcess));
        Path beingUploaded = spool.newFile("import-", "");

        service.onStart(null);

        given().when().get("/api/v1/imports/{id}", crashed).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("message", startsWith("the service stopped during this import"));
        assertFalse(Files.exists(crashedFile));
        assertFalse(Files.exists(leftover), "a file of the process before that no run reads is removed");
        assertTrue(Files.exists(beingUploaded), "a file made since this process started may be an upload in progress");
        Files.delete(beingUploaded);
    }

    @Test
    void importsLeaveNoSpoolFileWhetherTheySucceedOrFail() throws IOException {
        Set<Path> before = spoolFiles();
        given().contentType("application/x-ndjson")
                .body("{\"identifier\": \"CRASH-TEST-01\", \"title\": \"Offshore wind\", \"deadlines\": [\"2031-01-15\"]}\n"
                        .getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/calls?format=callmatch-jsonl")
                .then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        assertEquals(before, spoolFiles());
        given().contentType("text/csv").body("not;a;members;file\n1;2;3;4\n")
                .when().post("/api/v1/imports/members")
                .then().statusCode(400);
        assertEquals(before, spoolFiles());
    }

    private long running(String owner, Duration sinceHeartbeat, Path file) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportRun run = new ImportRun();
            run.kind = ImportFormat.CALLMATCH_JSONL.kind().name();
            run.format = ImportFormat.CALLMATCH_JSONL.id();
            run.source = "crash-test";
            run.status = ImportRun.Status.RUNNING;
            run.startedAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
            run.heartbeatAt = OffsetDateTime.now(ZoneOffset.UTC).minus(sinceHeartbeat);
            run.owner = owner;
            run.spoolFile = file.toAbsolutePath().toString();
            runs.persist(run);
            return run.id;
        });
    }

    /** Ends a run this test made, so that no other test finds it RUNNING. */
    private void finish(long id, Path file) throws IOException {
        QuarkusTransaction.requiringNew().run(() -> runs.findById(id).status = ImportRun.Status.SUCCEEDED);
        Files.deleteIfExists(file);
    }

    private Set<Path> spoolFiles() throws IOException {
        Path dir = Path.of(config.dataDir(), "spool");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }
}
