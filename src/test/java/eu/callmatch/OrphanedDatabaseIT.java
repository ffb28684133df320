package eu.callmatch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service on its embedded PostgreSQL, as a first-time user runs it: killed with {@code kill -9}, it
 * leaves its PostgreSQL running; started again, it stops that orphan and comes back with every committed write.
 */
class OrphanedDatabaseIT {

    static final Path WORK = Path.of("target", "orphaned-database-it").toAbsolutePath();
    static final String ADMIN = "it-admin";
    static final String ADMIN_PASSWORD = "it-admin-password-2026";
    /**
     * A start with an orphan to stop, as generous as a first start on a busy machine: what it guards against, a start
     * that waited 60 s for its own server and exited, fails {@link #awaitReady} when the process exits.
     */
    static final Duration RESTART_WITHIN = Duration.ofSeconds(120);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aKilledServiceLeavesItsPostgresRunningAndTheNextStartStopsItAndKeepsEveryCommittedWrite() throws Exception {
        Path dataDir = fresh("data");
        Path log = WORK.resolve("service.log");
        Files.deleteIfExists(log);
        int port = ReplicasIT.freePort();

        Process service = start(dataDir, port, log);
        awaitReady(service, port, Duration.ofSeconds(180));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "ORPHAN-" + i;
            assertEquals(201, put(port, "/api/v1/calls/" + id, "{\"title\": \"Committed before the kill " + i + "\"}"));
            ids.add(id);
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0));

        service.destroyForcibly(); // kill -9: no shutdown hook runs
        assertTrue(service.waitFor(30, TimeUnit.SECONDS));
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertTrue(orphan.isAlive(), "the embedded PostgreSQL outlives its killed service");

        long restarting = System.nanoTime();
        Process again = start(dataDir, port, log);
        try {
            awaitReady(again, port, RESTART_WITHIN);
            System.out.printf("Started again in %d ms, stopping the orphaned PostgreSQL first%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarting));
            assertFalse(orphan.isAlive(), "the orphan was stopped");
            long serverPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0));
            assertNotEquals(orphanPid, serverPid, "a server of its own");
            for (String id : ids) {
                HttpResponse<String> call = get(port, "/api/v1/calls/" + id);
                assertEquals(200, call.statusCode(), id);
                assertTrue(call.body().contains("Committed before the kill"), call.body());
            }
            String output = Files.readString(log);
            assertTrue(output.contains("A PostgreSQL (pid " + orphanPid + ") still runs on"), "the orphan is logged");
            assertFalse(output.contains("did not stop within"), "a clean shutdown, no SIGKILL");
        } finally {
            again.destroy(); // SIGTERM: the service stops its PostgreSQL
            again.waitFor(60, TimeUnit.SECONDS);
            orphan.destroy(); // when the start above failed, not to leave it running
        }
        assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")), "stopped cleanly");
    }

    @Test
    void filesOfAnOlderMajorStopTheStartAtOnceWithTheWayOver() throws Exception {
        Path dataDir = fresh("data-pg14");
        Path files = Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(files.resolve("PG_VERSION"), "14\n");
        Files.writeString(files.resolve("postgresql.conf"), "# made by initdb 14\n");
        Path log = WORK.resolve("pg14.log");
        Files.deleteIfExists(log);

        Process service = start(dataDir, ReplicasIT.freePort(), log);
        assertTrue(service.waitFor(60, TimeUnit.SECONDS), "exits without waiting for a server");
        assertEquals(1, service.exitValue());
        String output = Files.readString(log);
        assertTrue(output.contains("holds a PostgreSQL 14 database; this build runs PostgreSQL 18"), output);
        assertTrue(output.contains("pg_dumpall"), output);
        try (Stream<Path> left = Files.list(files)) {
            assertEquals(List.of("PG_VERSION", "postgresql.conf"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    static Process start(Path dataDir, int port, Path log) throws IOException {
        return start(dataDir, port, log, "-Dcallmatch.matching.embeddings.enabled=false");
    }

    /** @param options system properties ({@code -Dkey=value}) beside those every test's service has */
    static Process start(Path dataDir, int port, Path log, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dcallmatch.data-dir=" + dataDir,
                "-Dcallmatch.demo-data=false",
                "-Dcallmatch.import.sources.ft-portal.enabled=false",
                "-Dcallmatch.security.bootstrap-admin.username=" + ADMIN,
                "-Dcallmatch.security.bootstrap-admin.password=" + ADMIN_PASSWORD));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", ReplicasIT.JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // no datasource from the machine running the tests: the service is to start its embedded PostgreSQL
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_DATASOURCE"));
        return builder.start();
    }

    static void awaitReady(Process service, int port, Duration within) throws InterruptedException {
        ReplicasIT.await("the service ready", within, () -> {
            assertTrue(service.isAlive(), "the service exited");
            return get(port, "/q/health/ready").statusCode() == 200;
        });
    }

    static Path fresh(String name) throws IOException {
        Path dir = WORK.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    static int put(int port, String path, String json) throws Exception {
        HttpRequest put = request(port, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        return HTTP.send(put, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static HttpResponse<String> post(int port, String path, String contentType, String body) throws Exception {
        HttpRequest post = request(port, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(post, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
}
