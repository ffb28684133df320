package eu.callmatch.search.service;

import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.common.changes.BulkWrites;
import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.index.SearchFields;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.lucene.document.Document;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the three search indexes of this replica and keeps them in step with PostgreSQL by following the change log:
 * at once after a commit made here (so a writer reads its own write), every poll interval for changes made by other
 * replicas, and from the last durable point after a crash. Rebuilds an index that is missing, corrupt, of another
 * schema or out of step, into a fresh directory that is swapped in while searches go on. The calls an import or a
 * rebuild leaves without their semantic vectors go to its {@link CallVectorQueue}, which adds them in the background.
 */
@ApplicationScoped
public class SearchIndexes {

    private static final Logger LOG = Logger.getLogger(SearchIndexes.class);
    private static final int BATCH = 500;
    /** A change-log id still missing after this long belongs to a transaction that rolled back. */
    private static final long GAP_TIMEOUT_MS = 30_000;
    /** Up to this many calls changed together are embedded before the change is visible (read-your-writes). */
    private static final int EMBED_AT_ONCE = 20;

    /** What an index is doing, for the admin endpoint. */
    public record RebuildState(boolean running, long done, long total, OffsetDateTime startedAt,
                               OffsetDateTime finishedAt, String error) {
    }

    private final CallmatchConfig config;
    private final IndexedRecords records;
    private final ChangeLog changes;
    private final Map<IndexKind, LuceneIndex> indexes = new EnumMap<>(IndexKind.class);
    private final Map<IndexKind, RebuildState> rebuilds = new EnumMap<>(IndexKind.class);
    private final ReentrantLock applying = new ReentrantLock();
    private final AtomicBoolean ready = new AtomicBoolean();
    /** Whether a catch-up for an import's batches is queued on the search thread and has not started yet. */
    private final AtomicBoolean bulkCatchUpQueued = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch readyLatch = new java.util.concurrent.CountDownLatch(1);
    private final Set<Long> appliedAbove = new TreeSet<>();
    private ScheduledExecutorService timers;
    private final CallVectorQueue vectors;

    private volatile long watermark;
    private volatile OffsetDateTime lastCommit;
    private long gapSince;

    private final MeterRegistry meters;
    private final BulkWrites bulkWrites;
    /** The last write generation per index, to wait for at the end of an import. */
    private final Map<IndexKind, Long> lastGenerations = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<IndexKind, Timer> rebuildTimes = new EnumMap<>(IndexKind.class);

    SearchIndexes(CallmatchConfig config, IndexedRecords records, ChangeLog changes, MeterRegistry meters,
                  BulkWrites bulkWrites) {
        this.config = config;
        this.records = records;
        this.changes = changes;
        this.meters = meters;
        this.bulkWrites = bulkWrites;
        this.vectors = new CallVectorQueue(records, bulkWrites, config.search().vectorDelay(), applying,
                () -> indexes.get(IndexKind.CALLS));
    }

    /** Documents per index, the age of the last commit (an index that stops committing shows here), rebuilds. */
    private void registerMeters() {
        for (IndexKind kind : IndexKind.values()) {
            rebuildTimes.put(kind, Timer.builder("callmatch.index.rebuild.duration")
                    .description("How long rebuilding an index takes")
                    .tag("index", kind.name().toLowerCase()).register(meters));
            Gauge.builder("callmatch.index.documents", this, s -> s.documentCounts().getOrDefault(kind, 0))
                    .description("Documents in this replica's search index")
                    .tag("index", kind.name().toLowerCase()).register(meters);
            Gauge.builder("callmatch.index.segments", this, s -> s.segments(kind).count())
                    .description("Segments of this replica's search index that searches read")
                    .tag("index", kind.name().toLowerCase()).register(meters);
            Gauge.builder("callmatch.index.merging", this, s -> s.segments(kind).merging() ? 1 : 0)
                    .description("1 while Lucene merges segments of this replica's search index in the background")
                    .tag("index", kind.name().toLowerCase()).register(meters);
        }
        String calls = IndexKind.CALLS.name().toLowerCase();
        Gauge.builder("callmatch.index.vectors", this, s -> s.vectorCount(IndexKind.CALLS))
                .description("Documents of this replica's search index that have their semantic vector")
                .tag("index", calls).register(meters);
        Gauge.builder("callmatch.index.vectors.pending", vectors, CallVectorQueue::pending)
                .description("Documents of this replica's search index whose semantic vector is still being computed")
                .tag("index", calls).register(meters);
        Gauge.builder("callmatch.index.vectors.rate", vectors, CallVectorQueue::perSecond)
                .description("Semantic vectors made searchable per second, over the last minute")
                .tag("index", calls).register(meters);
        Gauge.builder("callmatch.index.commit.age", this, s -> s.lastCommit() == null ? Double.NaN
                        : java.time.Duration.between(s.lastCommit(), OffsetDateTime.now()).toMillis() / 1000.0)
                .description("Seconds since this replica's search indexes were last made durable")
                .baseUnit("seconds").register(meters);
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        registerMeters();
        bulkWrites.whenQuiet(this::catchUpVisibly);
        Path root = Path.of(config.dataDir(), "index");
        long resumeFrom = Long.MAX_VALUE;
        List<IndexKind> stale = new ArrayList<>();
        for (IndexKind kind : IndexKind.values()) {
            LuceneIndex index = LuceneIndex.open(root, kind);
            indexes.put(kind, index);
            rebuilds.put(kind, new RebuildState(false, 0, 0, null, null, null));
            if (index.needsRebuild(SearchFields.SCHEMA_VERSION)) {
                stale.add(kind);
            } else {
                resumeFrom = Math.min(resumeFrom, Long.parseLong(
                        index.committedUserData().getOrDefault(LuceneIndex.LAST_CHANGE_KEY, "0")));
            }
        }
        long oldestKept = changes.oldestId();
        if (resumeFrom != Long.MAX_VALUE && resumeFrom + 1 < oldestKept) {
            // the changes since the indexes' last commit have been pruned: catching up is not possible
            LOG.infof("The change log no longer holds changes after %d: rebuilding every index", resumeFrom);
            stale = List.of(IndexKind.values());
        }
        watermark = stale.size() == IndexKind.values().length ? changes.latestId()
                : resumeFrom == Long.MAX_VALUE ? 0 : resumeFrom;
        List<IndexKind> toRebuild = stale;
        timers = Executors.newScheduledThreadPool(2, DaemonThreads.named("callmatch-search"));
        // start-up work runs in the background: /q/health/ready is DOWN until it is done
        timers.execute(() -> {
            try {
                for (IndexKind kind : toRebuild) {
                    rebuild(kind);
                }
                catchUp();
                for (IndexKind kind : IndexKind.values()) {
                    if (!toRebuild.contains(kind) && indexes.get(kind).numDocs() != records.count(kind)) {
                        LOG.infof("The %s index is out of step with the database (%d documents, %d rows): rebuilding",
                                kind, indexes.get(kind).numDocs(), records.count(kind));
                        rebuild(kind);
                    }
                }
                catchUp();
                commit();
                if (records.embeddingsEnabled() && !toRebuild.contains(IndexKind.CALLS)) { // a rebuild queued its own
                    vectors.resume();
                }
                ready.set(true);
                readyLatch.countDown();
                LOG.infof("Search indexes ready: %s", documentCounts());
            } catch (RuntimeException e) {
                LOG.error("The search indexes could not be brought up to date", e);
            }
        });
        long poll = config.search().pollInterval().toMillis();
        timers.scheduleWithFixedDelay(this::pollQuietly, poll, poll, TimeUnit.MILLISECONDS);
        long commit = config.search().commitInterval().toMillis();
        timers.scheduleWithFixedDelay(this::commitQuietly, commit, commit, TimeUnit.MILLISECONDS);
    }

    /**
     * After a commit made on this replica: apply it before the request answers, so that it reads its own write. An
     * import's batch is indexed on the search thread instead, while the import writes its next batch; the import
     * waits for its last batch at its end ({@link #catchUpVisibly}).
     */
    void onCommitted(@Observes ChangeLog.Committed committed) {
        if (!ready.get()) {
            return;
        }
        if (!bulkWrites.onThisThread()) {
            catchUp(false);
            // another thread (the poll, an import's catch-up) may have applied this commit first, without waiting
            // until searches see it
            awaitApplied();
        } else if (bulkCatchUpQueued.compareAndSet(false, true)) {
            timers.execute(() -> {
                bulkCatchUpQueued.set(false);
                try {
                    catchUp(true);
                } catch (RuntimeException e) {
                    LOG.warn("Indexing an import's batch failed; the import's end or the next poll tries again", e);
                }
            });
        }
    }

    /** Applies what is pending and waits until everything applied is searchable (an import's read-your-writes). */
    private void catchUpVisibly() {
        if (!ready.get()) {
            return;
        }
        catchUp(true);
        awaitApplied();
    }

    /** Waits until every change applied to the indexes so far is searchable (the calls' vectors aside). */
    private void awaitApplied() {
        try {
            for (Map.Entry<IndexKind, Long> last : lastGenerations.entrySet()) {
                indexes.get(last.getKey()).waitFor(last.getValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isReady() {
        return ready.get();
    }

    /** Waits up to {@code timeout} for the start-up work (a first build, a catch-up) to finish. */
    public boolean awaitReady(java.time.Duration timeout) {
        try {
            return readyLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ready.get();
        }
    }

    public LuceneIndex index(IndexKind kind) {
        return indexes.get(kind);
    }

    public Map<IndexKind, RebuildState> rebuildStates() {
        return Map.copyOf(rebuilds);
    }

    public long watermark() {
        return watermark;
    }

    public OffsetDateTime lastCommit() {
        return lastCommit;
    }

    /** The index's segments now and whether Lucene is merging some (none before it is opened). */
    public LuceneIndex.Segments segments(IndexKind kind) {
        LuceneIndex index = indexes.get(kind);
        return index == null ? new LuceneIndex.Segments(0, false) : index.segments();
    }

    public Map<IndexKind, Integer> documentCounts() {
        Map<IndexKind, Integer> counts = new LinkedHashMap<>();
        indexes.forEach((kind, index) -> counts.put(kind, index.numDocs()));
        return counts;
    }

    /** Starts a rebuild of these indexes in the background; false when one is already running. */
    public boolean startRebuild(List<IndexKind> kinds) {
        if (kinds.stream().anyMatch(k -> rebuilds.get(k).running())) {
            return false;
        }
        for (IndexKind kind : kinds) {
            rebuilds.put(kind, new RebuildState(true, 0, records.count(kind), OffsetDateTime.now(), null, null));
        }
        timers.execute(() -> kinds.forEach(this::rebuild));
        return true;
    }

    /**
     * Applies every committed change not yet applied; one caller at a time. Below the highest id applied there may
     * be gaps: ids of transactions that commit later (applied when they show up) or rolled back (skipped in time).
     */
    public void catchUp() {
        catchUp(false);
    }

    /**
     * @param bulk whether the changes are an import's: then calls get their vectors later, on the vector thread, and
     *             nothing waits for them to become searchable (the import does once, at its end)
     */
    private void catchUp(boolean bulk) {
        applying.lock();
        try {
            List<ChangeLog.Entry> late = changes.byIds(missingIds());
            applyAll(late, bulk);
            while (true) {
                long highest = appliedAbove.isEmpty() ? watermark : ((TreeSet<Long>) appliedAbove).last();
                List<ChangeLog.Entry> rows = changes.after(highest, BATCH * 4);
                applyAll(rows, bulk);
                if (rows.size() < BATCH * 4) {
                    return;
                }
            }
        } finally {
            applying.unlock();
        }
    }

    /** The ids between the watermark and the highest id applied that have not been seen committed (at most 10,000). */
    private List<Long> missingIds() {
        List<Long> missing = new ArrayList<>();
        long next = watermark + 1;
        for (long applied : appliedAbove) {
            for (long id = next; id < applied && missing.size() < 10_000; id++) {
                missing.add(id);
            }
            next = applied + 1;
        }
        return missing;
    }

    private void applyAll(List<ChangeLog.Entry> rows, boolean bulk) {
        Map<IndexKind, Set<String>> keys = new EnumMap<>(IndexKind.class);
        for (ChangeLog.Entry row : rows) {
            keys.computeIfAbsent(kindOf(row.kind()), k -> new LinkedHashSet<>()).add(row.key());
        }
        keys.forEach((kind, changed) -> apply(kind, changed, bulk));
        rows.forEach(row -> appliedAbove.add(row.id()));
        advance();
    }

    private void apply(IndexKind kind, Set<String> keys, boolean bulk) {
        LuceneIndex index = indexes.get(kind);
        List<String> all = new ArrayList<>(keys);
        // a few calls (an edit) are embedded at once; an import's get their vectors in the background, after it,
        // so that embedding thousands of calls does not hold up the import; a call whose text is unchanged keeps
        // the vector it has
        boolean embedNow = kind != IndexKind.CALLS || (all.size() <= EMBED_AT_ONCE && !bulk);
        List<String> later = new ArrayList<>();
        try {
            long generation = -1;
            for (int i = 0; i < all.size(); i += BATCH) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
                Map<String, Document> docs = records.documents(kind, chunk, embedNow, vectors.knownVectors());
                for (String key : chunk) {
                    Document doc = docs.get(key);
                    generation = doc != null ? index.update(key, doc) : index.delete(key);
                    if (!embedNow && doc != null && doc.getField(SearchFields.CALL_VECTOR) == null) {
                        later.add(key);
                    }
                }
            }
            // an import's batches become searchable within a second (the refresh thread's pace) and all of them
            // when it ends, rather than one refresh per batch; a user's edit meanwhile is searchable when it answers
            if (generation >= 0 && !bulk) {
                index.waitFor(generation);
            }
            if (generation >= 0) {
                lastGenerations.put(kind, generation);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!later.isEmpty() && records.embeddingsEnabled()) {
                vectors.add(later);
            }
        }
    }

    /** How many calls' vectors are still being computed. */
    public long pendingVectors() {
        return vectors.pending();
    }

    /** Whether this call's vector is still being computed. */
    public boolean vectorPending(String identifier) {
        return vectors.pending(identifier);
    }

    /**
     * Completes once none of these calls' vectors is still being computed (at once when none is): an import's alerts
     * rank its calls with their vectors, without waiting for other imports' backlog.
     */
    public java.util.concurrent.CompletableFuture<Void> whenVectorsDone(java.util.Collection<String> identifiers) {
        if (ready.get()) {
            catchUp(true); // a change committed but not applied yet is not in the backlog yet
        }
        return vectors.whenDone(identifiers);
    }

    /** Semantic vectors made searchable per second over the last minute (or since the backlog began). */
    public double vectorsPerSecond() {
        return vectors.perSecond();
    }

    /** Documents of the index that have their semantic vector (0 for an index without vectors). */
    public int vectorCount(IndexKind kind) {
        LuceneIndex index = indexes.get(kind);
        return kind == IndexKind.CALLS && index != null ? index.countWithValue(SearchFields.CALL_VECTOR) : 0;
    }

    /** Moves the watermark over every id applied without a gap below it; a gap older than the timeout is skipped. */
    private void advance() {
        long w = watermark;
        while (appliedAbove.remove(w + 1)) {
            w++;
        }
        if (!appliedAbove.isEmpty()) {
            long now = System.currentTimeMillis();
            if (gapSince == 0) {
                gapSince = now;
            } else if (now - gapSince > GAP_TIMEOUT_MS) {
                w = ((TreeSet<Long>) appliedAbove).first() - 1;
                while (appliedAbove.remove(w + 1)) {
                    w++;
                }
                gapSince = appliedAbove.isEmpty() ? 0 : now;
            }
        } else {
            gapSince = 0;
        }
        watermark = w;
    }

    private void rebuild(IndexKind kind) {
        LuceneIndex index = indexes.get(kind);
        OffsetDateTime started = OffsetDateTime.now();
        long total = records.count(kind);
        long done = 0;
        // changes from here on are replayed after the swap: the rebuild may have read rows older than them
        long from = changes.latestId();
        List<List<String>> withoutVectors = new ArrayList<>();
        rebuilds.put(kind, new RebuildState(true, 0, total, started, null, null));
        try (LuceneIndex.Rebuild rebuild = index.beginRebuild(SearchFields.SCHEMA_VERSION)) {
            String after = null;
            for (List<String> keys = records.keysAfter(kind, null, BATCH); !keys.isEmpty();
                 keys = records.keysAfter(kind, after, BATCH)) {
                // calls keep the vectors the index being replaced has for their text; the others get theirs after
                // the swap, so that a rebuild is ready as fast as before
                Map<String, Document> docs = records.documents(kind, keys, kind != IndexKind.CALLS,
                        vectors.knownVectors());
                List<String> without = new ArrayList<>();
                for (String key : keys) {
                    Document doc = docs.get(key);
                    if (doc != null) {
                        rebuild.add(key, doc);
                        if (kind == IndexKind.CALLS && doc.getField(SearchFields.CALL_VECTOR) == null) {
                            without.add(key);
                        }
                    }
                }
                if (!without.isEmpty() && records.embeddingsEnabled()) {
                    withoutVectors.add(without);
                }
                after = keys.get(keys.size() - 1);
                done += keys.size();
                rebuilds.put(kind, new RebuildState(true, done, total, started, null, null));
            }
            rebuild.swap(Map.of(LuceneIndex.LAST_CHANGE_KEY, Long.toString(from)));
            withoutVectors.forEach(vectors::add);
            applying.lock();
            try {
                if (watermark > from) {
                    watermark = from;
                    appliedAbove.clear();
                    gapSince = 0;
                }
            } finally {
                applying.unlock();
            }
            rebuilds.put(kind, new RebuildState(false, done, total, started, OffsetDateTime.now(), null));
            java.time.Duration took = java.time.Duration.between(started, OffsetDateTime.now());
            rebuildTimes.get(kind).record(took);
            LOG.infof("The %s index was rebuilt: %d documents in %d ms", kind, done, took.toMillis());
            catchUp();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "Rebuilding the %s index failed", kind);
            rebuilds.put(kind, new RebuildState(false, done, total, started, OffsetDateTime.now(), e.getMessage()));
        }
    }

    /** Makes the indexes durable up to the watermark: after a crash they resume from there. */
    public void commit() {
        try {
            String mark = Long.toString(watermark);
            for (LuceneIndex index : indexes.values()) {
                index.commit(Map.of(LuceneIndex.LAST_CHANGE_KEY, mark));
            }
            lastCommit = OffsetDateTime.now();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pollQuietly() {
        try {
            if (ready.get()) {
                // while an import runs here, what the poll finds (mostly its batches) keeps the import's pace
                catchUp(bulkWrites.underway());
            }
        } catch (RuntimeException e) {
            LOG.warn("Following the change log failed; trying again", e);
        }
    }

    private void commitQuietly() {
        try {
            if (ready.get()) {
                commit();
                changes.prune(OffsetDateTime.now().minus(config.search().changeLogRetention()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Committing the search indexes failed; trying again", e);
        }
    }

    private static IndexKind kindOf(ChangeLog.Kind changeKind) {
        return switch (changeKind) {
            case CALL -> IndexKind.CALLS;
            case MEMBER -> IndexKind.MEMBERS;
            case ORGANISATION -> IndexKind.ORGANISATIONS;
        };
    }

    void onStop(@Observes ShutdownEvent event) {
        vectors.stop();
        if (timers != null) {
            timers.shutdown();
            try {
                timers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (ready.get()) {
                commit();
            }
        } finally {
            for (LuceneIndex index : indexes.values()) {
                try {
                    index.close();
                } catch (IOException e) {
                    LOG.warnf(e, "Closing the %s index failed", index.kind());
                }
            }
        }
    }
}
