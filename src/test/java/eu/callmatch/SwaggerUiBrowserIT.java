package eu.callmatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged service as a first-time user runs it (embedded PostgreSQL, demo data, demo users), and Swagger UI
 * in a real browser: Debian's chromium, driven by playwright-core (src/test/browser, installed with npm ci),
 * authorizes as the demo staff user, runs POST /api/v1/call-matches and must see calls. The screenshot is left
 * at target/swagger-ui-call-matches.png.
 */
class SwaggerUiBrowserIT {

    static final Path JAR = Path.of(System.getProperty("callmatch.jar", "target/quarkus-app/quarkus-run.jar"));
    static final Path WORK = Path.of("target", "swagger-ui-it");
    static final Path SCREENSHOT = Path.of("target", "swagger-ui-call-matches.png");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static Process service;
    static int port;

    @BeforeAll
    static void startTheService() throws Exception {
        assertTrue(Files.exists(JAR), JAR + " is built by the package phase before this integration test");
        if (missingTool() != null) {
            System.out.println(missingTool());
            return;
        }
        if (Files.exists(WORK.resolve("data"))) {
            try (var files = Files.walk(WORK.resolve("data"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(WORK);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dcallmatch.data-dir=" + WORK.resolve("data").toAbsolutePath(),
                "-Dcallmatch.import.sources.ft-portal.enabled=false",
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(WORK.resolve("service.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            assertTrue(service.isAlive(), "the service stopped; see " + WORK.resolve("service.log"));
            Thread.sleep(250);
        }
        throw new AssertionError("the service was not ready within 180 s; see " + WORK.resolve("service.log"));
    }

    @AfterAll
    static void stopTheService() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void swaggerUiAuthorizesAsStaffAndFindsCallsForAProfile() throws Exception {
        assumeTrue(missingTool() == null, SwaggerUiBrowserIT::missingTool);
        String log = Files.readString(WORK.resolve("service.log"));
        assertTrue(log.contains("DEMO USERS WITH PUBLISHED PASSWORDS ARE ACTIVE"), "the demo users are announced loudly");

        // the script and its locked dependencies, installed apart from the sources
        Path browser = Files.createDirectories(WORK.resolve("browser"));
        for (String file : List.of("package.json", "package-lock.json", "swagger-ui-check.mjs")) {
            Files.copy(Path.of("src/test/browser", file), browser.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        assertEquals(0, run(browser, Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund"), "npm ci");
        Files.deleteIfExists(SCREENSHOT);
        int exit = run(browser, Duration.ofMinutes(5), "node", "swagger-ui-check.mjs", "http://localhost:" + port,
                "staff", "staff-demo-password", SCREENSHOT.toAbsolutePath().toString());
        assertEquals(0, exit, "the browser check (output above; screenshot " + SCREENSHOT + ")");
        assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot of the answer");
    }

    /**
     * What this machine lacks for the test, said with how to install it; null when nothing. A machine without the
     * browser skips the test; CI's .ci/run installs chromium, so CI always runs it.
     */
    static String missingTool() {
        if (!Files.isExecutable(CHROMIUM)) {
            return "SKIPPED SwaggerUiBrowserIT: it needs Debian's chromium at " + CHROMIUM
                    + ", which is missing here; install it with `sudo apt-get install chromium` (.ci/run does)";
        }
        if (!onPath("npm") || !onPath("node")) {
            return "SKIPPED SwaggerUiBrowserIT: it needs Node.js and npm on the PATH to install playwright-core; "
                    + "install them with `sudo apt-get install nodejs npm`";
        }
        return null;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static int run(Path dir, Duration limit, String... command) throws Exception {
        // not inheritIO: the test JVM's stdin and stdout are the build's channel to it
        Path output = dir.resolve(command[0] + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean done = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        System.out.println(Files.readString(output));
        if (!done) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took longer than " + limit);
        }
        return process.exitValue();
    }
}
