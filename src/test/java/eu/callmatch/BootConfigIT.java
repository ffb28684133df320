package eu.callmatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether the service starts its embedded PostgreSQL, decided before Quarkus starts: a datasource URL configured in
 * any place Quarkus reads means no. Each case is a JVM of its own, as the service is, with its own working directory
 * (where {@code .env} and {@code config/application.properties} are read), environment and system properties; they
 * run side by side. It runs after packaging, since the decision reads the runtime configuration class that the
 * Quarkus build generates (in {@code quarkus-app/quarkus/generated-bytecode.jar}), which the probe's class path gets.
 */
class BootConfigIT {

    static final Path GENERATED = ReplicasIT.JAR.toAbsolutePath().getParent()
            .resolve("quarkus").resolve("generated-bytecode.jar");

    static final String URL = "jdbc:postgresql://db.example.org:5432/callmatch";

    @TempDir
    Path dir;

    /** One launch of {@link Probe}: what it configures, and the process once started. */
    final class Case {
        final Path workingDir;
        final Map<String, String> env = new LinkedHashMap<>();
        final List<String> properties = new ArrayList<>();
        Process process;

        Case(String name) throws IOException {
            workingDir = Files.createDirectories(dir.resolve(name));
        }

        Case env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Case property(String name, String value) {
            properties.add("-D" + name + "=" + value);
            return this;
        }

        Case file(String path, String content) throws IOException {
            Path file = workingDir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        }

        void start() throws IOException {
            // a short-lived JVM: the quick compiler and the serial collector spare the machine's cores
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", GENERATED + java.io.File.pathSeparator + System.getProperty("java.class.path")));
            command.addAll(properties);
            command.add(Probe.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectErrorStream(true);
            // none of the machine's own configuration: each case sets what it tests
            builder.environment().keySet().removeIf(key -> key.contains("QUARKUS_") || key.startsWith("CALLMATCH_"));
            builder.environment().putAll(env);
            process = builder.start();
        }

        /** The probe's answer: {@code url=...} and {@code dir=...}. */
        Map<String, String> answer() throws Exception {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe answers");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            Map<String, String> answer = new LinkedHashMap<>();
            for (String line : output.lines().toList()) {
                int eq = line.indexOf('=');
                if (line.startsWith("probe.") && eq > 0) {
                    answer.put(line.substring("probe.".length(), eq), line.substring(eq + 1));
                }
            }
            return answer;
        }
    }

    /** Prints what main decides from the configuration its working directory, environment and properties give. */
    public static final class Probe {
        public static void main(String[] args) {
            var config = CallmatchMain.bootConfig();
            System.out.println("probe.url=" + CallmatchMain.configuredDatasourceUrl(config).orElse("none"));
            System.out.println("probe.dir=" + CallmatchMain.embeddedDirectory(config));
            System.out.println("probe.port=" + CallmatchMain.embeddedPort(config));
        }
    }

    @Test
    void aDatasourceConfiguredAnywhereQuarkusLooksKeepsTheEmbeddedDatabaseFromStarting() throws Exception {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("nothing configured", new Case("nothing"));
        cases.put("environment variable", new Case("env").env("QUARKUS_DATASOURCE_JDBC_URL", URL));
        cases.put("system property", new Case("sysprop").property("quarkus.datasource.jdbc.url", URL));
        cases.put(".env in the working directory", new Case("dotenv")
                .file(".env", "QUARKUS_DATASOURCE_JDBC_URL=" + URL + "\nCALLMATCH_DATA_DIR=/srv/callmatch\n"));
        cases.put("config/application.properties in the working directory", new Case("config-dir")
                .file("config/application.properties", "quarkus.datasource.jdbc.url=" + URL + "\n"));
        cases.put("%prod. key in config/application.properties", new Case("prod-key")
                .file("config/application.properties", "%prod.quarkus.datasource.jdbc.url=" + URL + "\n"));
        cases.put("%prod. environment variable", new Case("prod-env").env("_PROD_QUARKUS_DATASOURCE_JDBC_URL", URL));
        cases.put("%dev. key, prod profile", new Case("dev-key")
                .file("config/application.properties", "%dev.quarkus.datasource.jdbc.url=" + URL + "\n"));
        cases.put("%staging. key, QUARKUS_PROFILE=staging", new Case("staging").env("QUARKUS_PROFILE", "staging")
                .file("config/application.properties", "%staging.quarkus.datasource.jdbc.url=" + URL + "\n"));
        cases.put("quarkus.config.locations", new Case("locations")
                .file("etc/callmatch.properties", "quarkus.datasource.jdbc.url=" + URL + "\n"
                        + "callmatch.embedded-database.port=5433\n")
                .property("quarkus.config.locations", "etc/callmatch.properties"));
        for (Case c : cases.values()) {
            c.start();
        }

        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Map<String, String>> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Case> c : cases.entrySet()) {
            answers.put(c.getKey(), c.getValue().answer());
            urls.put(c.getKey(), answers.get(c.getKey()).get("url"));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        cases.keySet().forEach(name -> expected.put(name, URL));
        expected.put("nothing configured", "none");
        expected.put("%dev. key, prod profile", "none");
        assertEquals(expected, urls);

        // the embedded database's own keys come through the same sources
        assertEquals(Path.of("./data/postgres").toString(), answers.get("nothing configured").get("dir"));
        assertEquals("0", answers.get("nothing configured").get("port"));
        assertEquals(Path.of("/srv/callmatch/postgres").toString(),
                answers.get(".env in the working directory").get("dir"));
        assertEquals("5433", answers.get("quarkus.config.locations").get("port"));
    }
}
