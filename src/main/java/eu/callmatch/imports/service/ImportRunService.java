package eu.callmatch.imports.service;

import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.imports.ImportRun;
import eu.callmatch.imports.ImportRunDto;
import eu.callmatch.imports.ImportRunRepository;
import eu.callmatch.workflow.AlertsRaised;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.panache.common.Sort;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The history of import runs: each run's row is written in transactions of its own, apart from its data.
 *
 * <p>A run never stays RUNNING after its process died: the process beats the heartbeat of its runs every
 * {@link #HEARTBEAT}, and every replica closes, every {@link #CHECK}, the runs whose heartbeat is older than
 * {@link #STALE} (so within a minute of a crash); at start, a process also closes the runs whose spool file it finds
 * in its own spool, left by the process before it. A closed run's spool file is removed.
 */
@ApplicationScoped
public class ImportRunService {

    private static final Logger LOG = Logger.getLogger(ImportRunService.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration CHECK = Duration.ofSeconds(15);
    /** A RUNNING run whose heartbeat is older than this died with its process: four beats were missed. */
    static final Duration STALE = Duration.ofSeconds(40);
    static final String STOPPED = "the service stopped during this import; the batches it had committed are kept, "
            + "and running the import again completes it";

    private final ImportRunRepository runs;
    private final MeterRegistry meters;
    private final Spool spool;
    /** This process, as written on the runs it starts. */
    private final String owner;

    ImportRunService(ImportRunRepository runs, MeterRegistry meters, Spool spool) {
        this.runs = runs;
        this.meters = meters;
        this.spool = spool;
        this.owner = processName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @param file the spool file the run reads (removed when the run is closed as crashed), or null */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long start(ImportFormat format, String source, java.nio.file.Path file, OffsetDateTime asOf) {
        ImportRun run = new ImportRun();
        run.kind = format.kind().name();
        run.format = format.id();
        run.source = source;
        run.asOf = asOf;
        run.status = ImportRun.Status.RUNNING;
        run.startedAt = run.heartbeatAt = now();
        run.owner = owner;
        run.spoolFile = file == null ? null : file.toAbsolutePath().normalize().toString();
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
     * import (such as the alerts it raises, its calls' vectors) reports on the run there. The row is locked: two such
     * works may end together.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void putDetail(long id, String what, Map<String, ?> counts) {
        ImportRun run = runs.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (run != null) {
            java.util.Map<String, Map<String, Object>> details = new java.util.LinkedHashMap<>(run.details);
            details.put(what, new java.util.LinkedHashMap<>(counts));
            run.details = details;
        }
    }

    /** The alerts a run's calls raised, in its details. */
    void onAlerts(@Observes AlertsRaised alerts) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        counts.put("raised", alerts.raised());
        counts.put("members", alerts.members());
        counts.put("calls", alerts.calls());
        putDetail(alerts.runId(), "alerts", counts);
    }

    /** A run that failed before reading anything, e.g. because its source was down: recorded, nothing else changes. */
    public ImportRunDto failed(ImportFormat format, String source, String message) {
        long id = start(format, source, null, null);
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

    /** This process lives: the heartbeat of its runs, also while a long file is read before its first batch. */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void beat() {
        runs.update("heartbeatAt = ?1 where status = ?2 and owner = ?3", now(), ImportRun.Status.RUNNING, owner);
    }

    /**
     * Closes the runs of other processes that stopped beating (FAILED, "the service stopped during this import") and
     * removes their spool files where this replica has them. Every replica checks, so a crashed run is closed within
     * a minute as long as one replica lives.
     */
    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void closeAbandoned() {
        close(QuarkusTransaction.requiringNew().call(() -> closeRuns(runs.list(
                "status = ?1 and (owner is null or owner <> ?2) and (heartbeatAt is null or heartbeatAt < ?3)",
                ImportRun.Status.RUNNING, owner, now().minus(STALE)))));
    }

    /**
     * Closes the runs of the process before this one: those whose heartbeat is stale, and those whose spool file is
     * in this process's spool, made before it started (a restart within a minute of a crash); then removes the spool
     * files no running import reads.
     */
    void onStart(@Observes StartupEvent event) {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        List<String> closed = QuarkusTransaction.requiringNew().call(() -> closeRuns(runs.list("status", ImportRun.Status.RUNNING)
                .stream().filter(run -> !owner.equals(run.owner) && (run.heartbeatAt == null
                        || run.heartbeatAt.isBefore(now().minus(STALE)) || spool.heldFromBefore(run.spoolFile, started)))
                .toList()));
        close(closed);
        Set<String> inUse = QuarkusTransaction.requiringNew().call(() -> runs.list("status", ImportRun.Status.RUNNING)
                .stream().map(run -> run.spoolFile).filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        int removed = spool.removeLeftovers(inUse, started);
        if (removed > 0) {
            LOG.warnf("%d spool file(s) of imports that no longer run removed", removed);
        }
    }

    /** Marks the runs FAILED; returns their spool files, to remove once that is committed. */
    private List<String> closeRuns(List<ImportRun> abandoned) {
        List<String> files = new ArrayList<>();
        for (ImportRun run : abandoned) {
            run.status = ImportRun.Status.FAILED;
            run.finishedAt = now();
            run.message = STOPPED;
            LOG.warnf("Import %d (%s from %s) closed as FAILED: its process %s is gone (last heartbeat %s)", run.id,
                    run.format, run.source, run.owner, run.heartbeatAt);
            files.add(run.spoolFile);
        }
        return files;
    }

    private void close(List<String> spoolFiles) {
        spoolFiles.forEach(spool::remove);
    }

    /** The host and process id: what an operator needs to find the process that runs an import. */
    private static String processName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
