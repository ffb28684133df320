package eu.callmatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service given a first admin whose password is a placeholder, as a Kubernetes Secret left unfilled would
 * give it: the start fails, and the log says which key and why, instead of a service nobody can log in to.
 */
class BootstrapAdminIT {

    @TempDir
    Path dir;

    @Test
    void aPlaceholderPasswordStopsTheStartNamingTheKey() throws Exception {
        Path log = dir.resolve("service.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.port=" + ReplicasIT.freePort(), "-Dcallmatch.data-dir=" + dir.resolve("data"),
                "-Dcallmatch.matching.embeddings.enabled=false", "-Dquarkus.log.console.json.enabled=false",
                "-jar", ReplicasIT.JAR.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("CALLMATCH_"));
        builder.environment().put("CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD", "REPLACE_ME");
        Process service = builder.start();
        try {
            assertTrue(service.waitFor(180, TimeUnit.SECONDS), "the service exits");
        } finally {
            service.destroyForcibly();
        }
        String output = Files.readString(log);
        assertNotEquals(0, service.exitValue(), output);
        assertTrue(output.contains("callmatch.security.bootstrap-admin.password (CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD)"
                + " has 10 characters: the first admin's password needs at least 12"), output);
        // the embedded PostgreSQL it had started is stopped with it
        assertFalse(Files.exists(dir.resolve("data/postgres/postmaster.pid")), output);
    }
}
