package eu.callmatch.search.service;

import eu.callmatch.common.changes.BulkWrites;
import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.index.SearchFields;
import org.apache.lucene.document.Document;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The owner of the calls whose semantic vectors an import or a rebuild left to compute: embeds them {@value #BATCH}
 * at a time on a thread of its own, indexes each batch again with its vectors on another while the next is embedded,
 * and marks a batch done once searches see it. {@link CallVectorBacklog} keeps what is pending and how fast it goes,
 * and tells who waits. Meanwhile the calls are searched and matched without their vectors.
 */
final class CallVectorQueue {

    private static final Logger LOG = Logger.getLogger(CallVectorQueue.class);
    /**
     * Calls embedded and made searchable together on the vector thread: progress shows (and matches get the vectors)
     * a batch at a time, while the index is not refreshed for every call.
     */
    static final int BATCH = 32;
    /** Vectors of imported calls wait for the import to end, but not longer than this. */
    private static final java.time.Duration WAIT_AT_MOST = java.time.Duration.ofMinutes(10);

    private final IndexedRecords records;
    private final BulkWrites bulkWrites;
    /** How long imports must have stopped before their calls are embedded. */
    private final java.time.Duration delay;
    /** The index owner's lock: a batch is re-read and written under it, so that a newer change is not overwritten. */
    private final ReentrantLock applying;
    private final Supplier<LuceneIndex> calls;
    /**
     * Embeds imported calls, one batch after the other, off the import's thread; the newest batch first, so that the
     * calls of the last import (which its alerts wait for) do not queue behind the backlog of a large one.
     */
    private final java.util.concurrent.ExecutorService vectorizer = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            0, TimeUnit.MILLISECONDS, new NewestFirst(), DaemonThreads.named("callmatch-call-vectors"));
    private final CallVectorBacklog backlog = new CallVectorBacklog();
    /**
     * Indexes a batch of calls again with their vectors, while the vector thread embeds the next batch: the index's
     * share of the work no longer leaves the model's threads idle.
     */
    private final java.util.concurrent.ExecutorService vectorWrites =
            java.util.concurrent.Executors.newSingleThreadExecutor(DaemonThreads.named("callmatch-call-vectors-write"));
    /** The batch the writer thread has, or had last (only the vector thread reads and sets it). */
    private java.util.concurrent.Future<?> writing = java.util.concurrent.CompletableFuture.completedFuture(null);
    /** Waits until searches see a batch of vectors, then marks it done, while the vector thread goes on. */
    private final java.util.concurrent.ExecutorService visible = java.util.concurrent.Executors.newSingleThreadExecutor(
            DaemonThreads.named("callmatch-call-vectors-visible"));

    /** A work queue that hands out its newest task first. */
    private static final class NewestFirst extends java.util.concurrent.LinkedBlockingDeque<Runnable> {
        @Override
        public Runnable take() throws InterruptedException {
            return takeLast();
        }

        @Override
        public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
            return pollLast(timeout, unit);
        }

        @Override
        public Runnable poll() {
            return pollLast();
        }
    }

    CallVectorQueue(IndexedRecords records, BulkWrites bulkWrites, java.time.Duration delay, ReentrantLock applying,
                    Supplier<LuceneIndex> calls) {
        this.records = records;
        this.bulkWrites = bulkWrites;
        this.delay = delay;
        this.applying = applying;
        this.calls = calls;
    }

    /** The vectors the calls' index holds, by the digest of the text they came from. */
    IndexedRecords.KnownVectors knownVectors() {
        return hashes -> calls.get().vectorsWithDigest(hashes, SearchFields.CALL_VECTOR, SearchFields.CALL_TEXT_HASH);
    }

    /**
     * Embeds these calls on the vector thread, then indexes them again with their vectors, {@value #BATCH} at a
     * time; meanwhile they are searched and matched without.
     */
    void add(List<String> keys) {
        backlog.add(keys);
        for (int i = 0; i < keys.size(); i += BATCH) {
            List<String> batch = List.copyOf(keys.subList(i, Math.min(keys.size(), i + BATCH)));
            vectorizer.execute(() -> addVectors(batch));
        }
    }

    private void addVectors(List<String> keys) {
        Map<String, Map.Entry<String, float[]>> vectors;
        try {
            // an import runs faster without the embedder beside it: its calls get their vectors right after
            vectors = records.embedCalls(keys, () -> {
                if (!bulkWrites.awaitQuiet(delay, WAIT_AT_MOST)) {
                    throw new java.util.concurrent.CancellationException("shutting down");
                }
            });
            // the batch is written on the writer thread while this one embeds the next; one batch waits at most
            try {
                writing.get();
            } catch (java.util.concurrent.ExecutionException e) { // not an exception writeVectors reports itself
                LOG.warnf(e.getCause(), "Writing the previous batch of calls' vectors failed; a rebuild adds them");
            }
            writing = vectorWrites.submit(() -> writeVectors(keys, vectors));
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.RejectedExecutionException e) {
            LOG.warnf("Stopped before %d imported calls got their semantic vectors; the next start embeds them",
                    keys.size());
            backlog.finished(keys, 0);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Adding vectors to %d calls failed; a rebuild adds them", keys.size());
            backlog.finished(keys, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backlog.finished(keys, 0);
        }
    }

    /** Indexes these calls again with the vectors embedded for them, on the writer thread. */
    private void writeVectors(List<String> keys, Map<String, Map.Entry<String, float[]>> vectors) {
        int added = 0;
        boolean handedOver = false;
        try {
            LuceneIndex index = calls.get();
            long generation = -1;
            applying.lock(); // re-read under the lock: a newer change is not overwritten
            try {
                Map<String, Document> docs = records.callDocuments(keys, vectors, knownVectors());
                for (Map.Entry<String, Document> e : docs.entrySet()) {
                    generation = index.update(e.getKey(), e.getValue());
                }
                added = (int) docs.values().stream().filter(d -> d.getField(SearchFields.CALL_VECTOR) != null).count();
            } finally {
                applying.unlock();
            }
            if (generation >= 0) {
                // the batch is done once searches see it; meanwhile this thread writes the next one
                long written = generation;
                int done = added;
                visible.execute(() -> {
                    try {
                        index.waitFor(written);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        backlog.finished(keys, done);
                    }
                });
                handedOver = true;
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warnf("Stopped before %d imported calls got their semantic vectors; the next start embeds them",
                    keys.size());
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Adding vectors to %d calls failed; a rebuild adds them", keys.size());
        } finally {
            if (!handedOver) {
                backlog.finished(keys, added);
            }
        }
    }

    /**
     * Queues the calls that have no vector in the index: those a stop interrupted (the backlog is not kept across
     * a restart, the index is), or imported while embeddings were off.
     */
    void resume() {
        List<String> without = calls.get().idsWithout(SearchFields.CALL_VECTOR);
        if (!without.isEmpty()) {
            LOG.infof("%d calls have no semantic vector yet: embedding them in the background", without.size());
            add(without);
        }
    }

    /** How many calls' vectors are still being computed. */
    long pending() {
        return backlog.size();
    }

    /** Whether this call's vector is still being computed. */
    boolean pending(String identifier) {
        return backlog.contains(identifier);
    }

    /** Completes once none of these calls' vectors is still being computed (at once when none is). */
    java.util.concurrent.CompletableFuture<Void> whenDone(java.util.Collection<String> identifiers) {
        return backlog.whenDone(identifiers);
    }

    /** Semantic vectors made searchable per second over the last minute (or since the backlog began). */
    double perSecond() {
        return backlog.perSecond();
    }

    /** Stops embedding; a batch being written is finished, not interrupted. */
    void stop() {
        vectorizer.shutdownNow();
        // an interrupted write could leave the index writer closed
        vectorWrites.shutdown();
        DaemonThreads.awaitStop(vectorWrites, 10, LOG, "Writing calls' vectors did not end within 10 s of the stop");
        visible.shutdownNow();
    }
}
