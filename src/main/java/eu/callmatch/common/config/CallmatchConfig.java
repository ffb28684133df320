package eu.callmatch.common.config;

import io.smallrye.config.ConfigMapping;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/** The service's own configuration, every key under {@code callmatch.} (see the README's table). */
@ConfigMapping(prefix = "callmatch")
public interface CallmatchConfig {

    /** Where the service keeps its files: the embedded database and the search indexes. */
    @WithDefault("./data")
    String dataDir();

    /**
     * Load the demo data set into an empty database at start. Unset: on when the database is the embedded one.
     */
    Optional<Boolean> demoData();

    /** The time zone in which a call's dates are read (the portal's deadlines are Brussels time). */
    @WithDefault("Europe/Brussels")
    String timeZone();

    EmbeddedDatabase embeddedDatabase();

    @WithName("import")
    Import imports();

    /** The largest request body the API takes outside imports, e.g. 2M. */
    @WithName("http.max-body-size")
    @WithDefault("2M")
    MemorySize maxBodySize();

    StatusRefresh statusRefresh();

    /** The PostgreSQL started inside the service when no datasource URL is configured. */
    interface EmbeddedDatabase {
        /** Its port; unset, a free one is picked at every start. */
        Optional<Integer> port();

        /** Set by the service when it started the embedded database (not to be configured). */
        @WithDefault("false")
        boolean active();
    }

    /** Imports of calls, organisations and members. */
    interface Import {
        /** The largest file an import takes. */
        @WithDefault("512M")
        MemorySize maxBodySize();
    }

    /** The daily recomputation of every call's status from its dates. */
    interface StatusRefresh {
        @WithDefault("0 5 0 * * ?")
        String cron();
    }
}
