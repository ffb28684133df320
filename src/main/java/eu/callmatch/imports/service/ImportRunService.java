package eu.callmatch.imports.service;

import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.imports.ImportRun;
import eu.callmatch.imports.ImportRunRepository;
import eu.callmatch.imports.rest.ImportRunDto;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** The history of import runs: each run's row is written in transactions of its own, apart from its data. */
@ApplicationScoped
public class ImportRunService {

    private static final Logger LOG = Logger.getLogger(ImportRunService.class);
    /** A RUNNING run whose heartbeat is older than this died with its process. */
    static final Duration STALE = Duration.ofMinutes(5);

    private final ImportRunRepository runs;
    private final MeterRegistry meters;

    ImportRunService(ImportRunRepository runs, MeterRegistry meters) {
        this.runs = runs;
        this.meters = meters;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long start(ImportFormat format, String source) {
        ImportRun run = new ImportRun();
        run.kind = format.kind().name();
        run.format = format.id();
        run.source = source;
        run.status = ImportRun.Status.RUNNING;
        run.startedAt = run.heartbeatAt = now();
        runs.persist(run);
        return run.id;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void heartbeat(long id, ImportProgress progress) {
        ImportRun run = runs.findById(id);
        progress.copyTo(run);
        run.heartbeatAt = now();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportRunDto finish(long id, ImportProgress progress, String failure) {
        ImportRun run = runs.findById(id);
        progress.copyTo(run);
        run.finishedAt = run.heartbeatAt = now();
        run.message = ImportProgress.storable(failure);
        run.status = failure != null ? ImportRun.Status.FAILED
                : progress.rejected > 0 || progress.errorTotal > 0 ? ImportRun.Status.PARTIAL
                : ImportRun.Status.SUCCEEDED;
        LOG.infof("Import %d (%s from %s) %s: %d created, %d updated, %d unchanged, %d rejected%s", id, run.format,
                run.source, run.status, run.created, run.updated, run.unchanged, run.rejected,
                failure == null ? "" : " - " + failure);
        record(run);
        return ImportRunDto.of(run);
    }

    /** The finished run in the metrics: its records by outcome and its duration, both by format. */
    private void record(ImportRun run) {
        for (Map.Entry<String, Integer> outcome : Map.of("created", run.created, "updated", run.updated,
                "unchanged", run.unchanged, "rejected", run.rejected).entrySet()) {
            meters.counter("callmatch.import.records", "format", run.format, "outcome", outcome.getKey())
                    .increment(outcome.getValue());
        }
        Timer.builder("callmatch.import.duration").description("How long import runs take")
                .tags("format", run.format, "status", run.status.name())
                .register(meters).record(Duration.between(run.startedAt, run.finishedAt));
    }

    /**
     * Sets one entry of a finished run's {@code details}, e.g. ("alerts", {"raised": 12}): work that follows an
     * import (such as the alerts it raises) reports on the run there.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void putDetail(long id, String what, Map<String, Integer> counts) {
        ImportRun run = runs.findById(id);
        if (run != null) {
            java.util.Map<String, Map<String, Integer>> details = new java.util.LinkedHashMap<>(run.details);
            details.put(what, new java.util.LinkedHashMap<>(counts));
            run.details = details;
        }
    }

    /** A run that failed before reading anything, e.g. because its source was down: recorded, nothing else changes. */
    public ImportRunDto failed(ImportFormat format, String source, String message) {
        long id = start(format, source);
        return finish(id, new ImportProgress(), message);
    }

    /** Whether a run of this source started at or after {@code since}. */
    @Transactional
    public boolean startedSince(String source, java.time.Instant since) {
        return runs.count("source = ?1 and startedAt >= ?2", source, OffsetDateTime.ofInstant(since, ZoneOffset.UTC)) > 0;
    }

    public ImportRunDto get(long id) {
        ImportRun run = runs.findById(id);
        if (run == null) {
            throw ProblemException.notFound("Import run", id);
        }
        return ImportRunDto.of(run);
    }

    public Page<ImportRunDto> list(PageRequest page) {
        var query = runs.findAll(Sort.descending("startedAt").and("id", Sort.Direction.Descending));
        return new Page<>(query.page(page.page, page.size).list().stream().map(ImportRunDto::of).toList(),
                page.page, page.size, query.count());
    }

    /** Runs left RUNNING by a process that died are marked FAILED; their committed batches stay. */
    @Transactional
    void onStart(@Observes StartupEvent event) {
        long stale = runs.update("status = ?1, finishedAt = ?2, message = ?3 where status = ?4 and heartbeatAt < ?5",
                ImportRun.Status.FAILED, now(), "interrupted: the service stopped during the run; the batches it "
                        + "had committed are kept, and running the import again completes it",
                ImportRun.Status.RUNNING, now().minus(STALE));
        if (stale > 0) {
            LOG.warnf("%d interrupted import run(s) marked FAILED", stale);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
