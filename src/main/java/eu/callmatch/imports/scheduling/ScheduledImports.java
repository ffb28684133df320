package eu.callmatch.imports.scheduling;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.imports.ImportRunDto;
import eu.callmatch.imports.service.ImportRunService;
import eu.callmatch.imports.service.ImportService;
import eu.callmatch.imports.service.Spool;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly import of the configured sources ({@code callmatch.import.sources.<name>.*}), and the same run on
 * demand. Every run is an import run, also when its source is down; only one replica runs a source at a time.
 */
@ApplicationScoped
public class ScheduledImports {

    private static final Logger LOG = Logger.getLogger(ScheduledImports.class);

    private final CallmatchConfig config;
    private final ImportService imports;
    private final ImportRunService runs;
    private final ImportLock lock;
    private final PortalSearchClient portal;
    private final Spool spool;

    ScheduledImports(CallmatchConfig config, ImportService imports, ImportRunService runs, ImportLock lock,
                     ObjectMapper json, Spool spool) {
        this.config = config;
        this.spool = spool;
        this.imports = imports;
        this.runs = runs;
        this.lock = lock;
        this.portal = new PortalSearchClient(json);
    }

    @Scheduled(cron = "{callmatch.import.cron}", timeZone = "{callmatch.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly(ScheduledExecution execution) {
        for (Map.Entry<String, CallmatchConfig.Source> source : config.imports().sources().entrySet()) {
            if (source.getValue().enabled()) {
                try {
                    run(source.getKey(), execution.getScheduledFireTime()).ifPresentOrElse(
                            run -> LOG.infof("Nightly import of %s: %s", source.getKey(), run.status()),
                            () -> LOG.infof("Nightly import of %s skipped: another replica runs or ran it",
                                    source.getKey()));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Nightly import of %s failed", source.getKey());
                }
            }
        }
    }

    /** Runs a configured source now; empty when another replica is running it. */
    public Optional<ImportRunDto> run(String name) {
        return run(name, null);
    }

    /**
     * Every replica's scheduler fires; the first to take the lock imports. The others skip without leaving a run:
     * while it holds the lock, or after it, when they see a run of this source started since the same firing (the
     * schedulers fire up to a second apart, and a small source is imported within that second).
     */
    private Optional<ImportRunDto> run(String name, Instant firing) {
        CallmatchConfig.Source source = config.imports().sources().get(name);
        if (source == null) {
            throw ProblemException.notFound("Import source", name);
        }
        if (!source.enabled()) {
            throw ProblemException.conflict("Import source '" + name + "' is disabled (callmatch.import.sources."
                    + name + ".enabled)");
        }
        ImportFormat format = formatOf(name, source);
        try (ImportLock.Held held = lock.tryAcquire(name).orElse(null)) {
            if (held == null || firing != null && runs.startedSince(name, firing)) {
                return Optional.empty();
            }
            Path file = spool.newFile("source-" + name + "-", ".data");
            // the data is as of when the fetch began: a change at the source during it may or may not be in it
            OffsetDateTime fetchedAt = OffsetDateTime.now(ZoneOffset.UTC);
            try {
                fetch(source, file);
            } catch (SourceUnavailable e) {
                spool.remove(file.toString());
                LOG.warnf("Import source %s is unavailable: %s", name, e.getMessage());
                return Optional.of(runs.failed(format, name, "source unavailable: " + e.getMessage()));
            } catch (IOException | RuntimeException e) {
                spool.remove(file.toString()); // no run reads it
                throw e;
            }
            boolean complete = source.complete().orElse("portal-search".equals(source.type()));
            return Optional.of(imports.run(new ImportService.Request(format, file, name, complete, null, fetchedAt)));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Import of " + name + " could not start: " + e.getMessage(), e);
        }
    }

    private void fetch(CallmatchConfig.Source source, Path file) throws SourceUnavailable, IOException {
        switch (source.type()) {
            case "portal-search" -> portal.fetch(source, file);
            case "url" -> {
                String url = source.url().orElseThrow(() -> new IllegalStateException("a url source needs a url"));
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(source.timeout()).GET().build();
                HttpResponse<InputStream> response = new Http(source.timeout(), source.retries(), source.retryPause())
                        .send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            case "file" -> {
                Path path = Path.of(source.path().orElseThrow(() -> new IllegalStateException("a file source needs a path")));
                if (!Files.isReadable(path)) {
                    throw new SourceUnavailable(path + " cannot be read", null);
                }
                Files.copy(path, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            default -> throw new IllegalStateException("unknown source type '" + source.type() + "'");
        }
    }

    private static ImportFormat formatOf(String name, CallmatchConfig.Source source) {
        if ("portal-search".equals(source.type())) {
            return ImportFormat.SEDIA_SEARCH;
        }
        String format = source.format().orElseThrow(() -> new IllegalStateException(
                "callmatch.import.sources." + name + ".format is required for a " + source.type() + " source"));
        return ImportFormat.byId(format).orElseThrow(() -> new IllegalStateException(
                "callmatch.import.sources." + name + ".format: unknown format '" + format + "'"));
    }
}
