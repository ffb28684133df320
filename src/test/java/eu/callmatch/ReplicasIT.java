package eu.callmatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service, twice, on one PostgreSQL, as a Deployment with two replicas runs it: each keeps its own
 * indexes, and a change made through one is searchable on the other within seconds; a replica killed, or one that
 * lost its index directory, comes back and catches up by itself; the nightly import runs on one replica only.
 */
class ReplicasIT {

    static final Path JAR = Path.of(System.getProperty("callmatch.jar", "target/quarkus-app/quarkus-run.jar"));
    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);
    /** The replicas' bootstrap admin: the API needs authentication. */
    static final String ADMIN = "it-admin";
    static final String ADMIN_PASSWORD = "it-admin-password-2026";
    static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static EmbeddedPostgres postgres;
    static Path work;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Replica> REPLICAS = new ArrayList<>();

    /** One service process with its own data directory (its indexes) and port. */
    static final class Replica {
        final String name;
        final Path dataDir;
        final int port;
        Process process;

        Replica(String name) throws IOException {
            this.name = name;
            this.dataDir = Files.createDirectories(work.resolve(name));
            this.port = freePort();
            // a replica's restarts append to its log; an earlier build's log is gone
            Files.deleteIfExists(work.resolve(name + ".log"));
        }

        void start(String... options) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-Dquarkus.http.port=" + port,
                    "-Dcallmatch.data-dir=" + dataDir,
                    "-Dcallmatch.demo-data=false",
                    "-Dcallmatch.import.sources.ft-portal.enabled=false",
                    "-Dquarkus.datasource.jdbc.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "-Dquarkus.datasource.username=postgres",
                    "-Dquarkus.datasource.password=postgres",
                    "-Dcallmatch.security.bootstrap-admin.username=" + ADMIN,
                    "-Dcallmatch.security.bootstrap-admin.password=" + ADMIN_PASSWORD));
            command.addAll(List.of(options));
            command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()));
            process = builder.start();
            await("replica " + name + " ready", Duration.ofSeconds(120), () -> get("/q/health/ready").statusCode() == 200);
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build());
        }

        HttpResponse<String> put(String path, String json) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        HttpResponse<String> delete(String path) {
            return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
        }

        long total(String query) {
            HttpResponse<String> response = get("/api/v1/calls?size=1&status=OPEN,FORTHCOMING,CLOSED&q=" + query);
            String body = response.body();
            int at = body.indexOf("\"total\":");
            return at < 0 ? -1 : Long.parseLong(body.substring(at + 8).split("[,}]")[0].trim());
        }

        void stop(boolean kill) throws InterruptedException {
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            process.waitFor();
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private static HttpResponse<String> send(HttpRequest request) {
            try {
                HttpRequest authorized = HttpRequest.newBuilder(request, (name, value) -> true)
                        .header("Authorization", AUTHORIZATION).build();
                return HTTP.send(authorized, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void startDatabase() throws IOException {
        assertTrue(Files.exists(JAR), JAR + " is built by the package phase before this integration test");
        work = Files.createDirectories(Path.of("target", "replicas-it"));
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Replica replica : REPLICAS) {
            if (replica.process != null && replica.process.isAlive()) {
                replica.stop(false);
            }
        }
        postgres.close();
    }

    @Test
    void writesOnOneReplicaAreSearchableOnTheOtherAndReplicasRecoverOnTheirOwn() throws Exception {
        Replica a = new Replica("a");
        Replica b = new Replica("b");
        REPLICAS.addAll(List.of(a, b));
        a.start();
        b.start();

        String word = "replicaword" + System.nanoTime();
        assertEquals(201, a.put("/api/v1/calls/REPLICA-1", "{\"title\": \"Written on A " + word + "\"}").statusCode());
        long seen = awaitMillis("the write on A searchable on B", () -> b.total(word) == 1);
        System.out.printf("A write on replica A was searchable on replica B after %d ms%n", seen);

        assertEquals(204, b.delete("/api/v1/calls/REPLICA-1").statusCode());
        awaitMillis("the delete on B gone from A", () -> a.total(word) == 0);

        // killed without a chance to commit its index, B misses a write; back, it catches up from the change log
        b.stop(true);
        assertEquals(201, a.put("/api/v1/calls/REPLICA-2", "{\"title\": \"While B was down " + word + "\"}").statusCode());
        b.start();
        assertEquals(1, b.total(word), "B caught up after kill -9");

        // A loses its index directory: at the next start it rebuilds it from the database
        a.stop(false);
        try (var files = Files.walk(a.dataDir.resolve("index"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        a.start();
        assertEquals(1, a.total(word), "A rebuilt its deleted index");
    }

    /**
     * The nightly job, as every replica's scheduler runs it: each firing imports the source once, on one replica;
     * the other skips it and leaves no import run. A cron every 5 seconds stands in for the night.
     */
    @Test
    void eachFiringOfTheNightlyImportRunsOnExactlyOneReplica() throws Exception {
        Path source = work.resolve("nightly.jsonl");
        String id = "NIGHTLY-" + System.nanoTime();
        Files.writeString(source, "{\"identifier\": \"" + id + "\", \"title\": \"From the nightly job\"}\n");
        String[] options = {
                "-Dcallmatch.import.cron=*/5 * * * * ?",
                "-Dcallmatch.import.sources.nightly-file.type=file",
                "-Dcallmatch.import.sources.nightly-file.path=" + source.toAbsolutePath(),
                "-Dcallmatch.import.sources.nightly-file.format=callmatch-jsonl"};
        Replica c = new Replica("c");
        Replica d = new Replica("d");
        REPLICAS.addAll(List.of(c, d));
        c.start(options);
        d.start(options);
        Instant bothUp = Instant.now();

        // three firings with both replicas up
        await("three nightly runs with both replicas up", Duration.ofSeconds(25),
                () -> runs(c).stream().filter(r -> r.isAfter(bothUp)).count() >= 3);
        Map<Long, Long> runsPerFiring = runs(d).stream()
                .collect(Collectors.groupingBy(r -> r.getEpochSecond() / 5, TreeMap::new, Collectors.counting()));
        assertTrue(runsPerFiring.values().stream().allMatch(n -> n == 1),
                "one run per firing (firing -> runs): " + runsPerFiring);

        // both schedulers fired: the one that did not import said so
        String logs = Files.readString(work.resolve("c.log")) + Files.readString(work.resolve("d.log"));
        assertTrue(logs.contains("Nightly import of nightly-file skipped"), "a replica skipped a firing");
        assertTrue(logs.contains("Nightly import of nightly-file: SUCCEEDED"), "a replica ran it");
        // what the job wrote is there on both
        assertEquals(200, c.get("/api/v1/calls/" + id).statusCode());
        assertEquals(200, d.get("/api/v1/calls/" + id).statusCode());
    }

    /** When the runs of the nightly-file source started, as a replica lists them. */
    static List<Instant> runs(Replica replica) {
        try {
            JsonNode items = JSON.readTree(replica.get("/api/v1/imports?size=200").body()).get("items");
            List<Instant> started = new ArrayList<>();
            for (JsonNode run : items) {
                // a run still going is counted once it has finished
                if ("nightly-file".equals(run.path("source").asText()) && !"RUNNING".equals(run.path("status").asText())) {
                    assertEquals("SUCCEEDED", run.path("status").asText(), run.toString());
                    started.add(OffsetDateTime.parse(run.path("startedAt").asText()).toInstant());
                }
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long awaitMillis(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        await(what, VISIBLE_WITHIN, condition);
        return (System.nanoTime() - start) / 1_000_000;
    }

    static void await(String what, Duration within, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException ignored) {
                // not answering yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": not within " + within.toMillis() + " ms");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
