package eu.callmatch.common;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL for the tests: a throwaway embedded one (fsync off is fine here), or the server that
 * {@code CALLMATCH_TEST_JDBC_URL} (+ {@code CALLMATCH_TEST_JDBC_USER}, {@code CALLMATCH_TEST_JDBC_PASSWORD}) names.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("callmatch-test-");
            String url = System.getenv("CALLMATCH_TEST_JDBC_URL");
            String user = System.getenv().getOrDefault("CALLMATCH_TEST_JDBC_USER", "postgres");
            String password = System.getenv().getOrDefault("CALLMATCH_TEST_JDBC_PASSWORD", "postgres");
            if (url == null || url.isBlank()) {
                postgres = EmbeddedPostgres.builder().start();
                url = postgres.getJdbcUrl("postgres", "postgres");
                user = "postgres";
                password = "postgres";
            }
            return Map.of(
                    "quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", user,
                    "quarkus.datasource.password", password,
                    "callmatch.data-dir", dataDir.toString(),
                    "callmatch.demo-data", "false");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
