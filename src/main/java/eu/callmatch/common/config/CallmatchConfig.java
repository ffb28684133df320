package eu.callmatch.common.config;

import io.smallrye.config.ConfigMapping;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /**
     * The address at which the helpdesk and its members reach the service, without a trailing slash: the links the
     * service hands out for use outside it (calendar feeds, links in e-mails) start with it.
     */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    EmbeddedDatabase embeddedDatabase();

    @WithName("import")
    Import imports();

    /** The largest request body the API takes outside imports, e.g. 2M. */
    @WithName("http.max-body-size")
    @WithDefault("2M")
    MemorySize maxBodySize();

    /** The longest query string the API takes, in characters (414 beyond). */
    @WithName("http.max-query-length")
    @WithDefault("8192")
    int maxQueryLength();

    /** The longest request path the API takes, in characters (414 beyond): a call's identifier has 200 at most. */
    @WithName("http.max-path-length")
    @WithDefault("1024")
    int maxPathLength();

    StatusRefresh statusRefresh();

    Search search();

    Security security();

    /** Users, logins and the limits that keep a client from starving or probing the service. */
    interface Security {
        /** The first admin, created at start when there is no admin yet (env CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_*). */
        BootstrapAdmin bootstrapAdmin();

        /** How long a verified password is remembered, so that not every request pays for a bcrypt check. */
        @WithDefault("PT60S")
        Duration credentialCacheTime();

        LoginThrottle loginThrottle();

        interface BootstrapAdmin {
            Optional<String> username();

            Optional<String> password();
        }

        /**
         * Failed logins from one client address for one username: after max-failures, 429 for lockout, for that
         * address only. Beyond max-failures-per-username from all addresses, one failure locks its address.
         */
        interface LoginThrottle {
            @WithDefault("5")
            int maxFailures();

            /** Failures of one username from every address within the window before each further one locks at once. */
            @WithDefault("20")
            int maxFailuresPerUsername();

            /** How long a failure counts. */
            @WithDefault("PT5M")
            Duration window();

            /** How long the client is refused (429 with Retry-After) once it failed too often. */
            @WithDefault("PT5M")
            Duration lockout();
        }
    }

    /** The search indexes, derived from the database. */
    interface Search {
        /** How often each replica looks for changes made through the others. */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** How often the indexes are made durable (a crash loses nothing: changes are replayed from the database). */
        @WithDefault("PT30S")
        Duration commitInterval();

        /** How long the change log is kept; a replica away for longer rebuilds its indexes. */
        @WithDefault("P7D")
        Duration changeLogRetention();

        /**
         * How long an import's calls wait for their semantic vectors after the last import has ended, so that the
         * next import of a row (the nightly sources, a script posting files) runs first; meanwhile they are matched
         * by their words and record, and say so.
         */
        @WithDefault("PT2S")
        Duration vectorDelay();

        /**
         * Threads that embed an import's calls, each running the model on one core (read by the embedder); 0: one
         * per core. Fewer leave cores to requests while a large import's calls get their vectors.
         */
        @WithDefault("0")
        int vectorThreads();
    }

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

        /** The longest line of an imported file, in characters: a longer line's record is rejected, unread. */
        @WithDefault("1000000")
        int maxLineLength();

        /** The longest field (a CSV value, a JSON string) in characters: its record is rejected (a JSON file fails). */
        @WithDefault("1000000")
        int maxFieldLength();

        /** The longest record (a CSV record over several lines, a JSON search result or topic) in characters. */
        @WithDefault("10000000")
        int maxRecordLength();

        /** What one file of an archive (a CORDIS bundle) may inflate to: beyond, the import is refused (413). */
        @WithDefault("512M")
        MemorySize maxInflatedEntrySize();

        /** What the files of an archive may inflate to in all: beyond, the import is refused (413). */
        @WithDefault("1G")
        MemorySize maxInflatedSize();

        /**
         * How long a synchronous calls import waits, before it answers, for its calls' semantic vectors (matching
         * requests never wait for them); 0 answers as soon as the calls are searchable by their words.
         */
        @WithDefault("5m")
        java.time.Duration vectorWait();

        /** When the configured sources are imported (Europe/Brussels time). */
        @WithDefault("0 0 2 * * ?")
        String cron();

        /** The sources the nightly job imports, by name. */
        Map<String, Source> sources();
    }

    /** One source of the nightly import. */
    interface Source {
        /** portal-search (the Funding & Tenders search API), url (a file over HTTP) or file (a path). */
        String type();

        /** The portal's search endpoint, or the file's address. */
        Optional<String> url();

        /** For type file: the file. */
        Optional<String> path();

        /** The file's format (for portal-search: always sedia-search). */
        Optional<String> format();

        @WithDefault("true")
        boolean enabled();

        /** Whether each run sees the whole source: calls it no longer lists are then closed (never deleted). */
        Optional<Boolean> complete();

        /** For portal-search: the programme codes to ask for (Horizon Europe is 43108390). */
        Optional<List<String>> programmes();

        /** For portal-search: the portal's API key parameter. */
        @WithDefault("SEDIA")
        String apiKey();

        @WithDefault("100")
        int pageSize();

        @WithDefault("PT60S")
        Duration timeout();

        /** How often a failed request is tried again, with a doubling pause. */
        @WithDefault("3")
        int retries();

        @WithDefault("PT2S")
        Duration retryPause();
    }

    /** The daily recomputation of every call's status from its dates. */
    interface StatusRefresh {
        @WithDefault("0 5 0 * * ?")
        String cron();
    }
}
