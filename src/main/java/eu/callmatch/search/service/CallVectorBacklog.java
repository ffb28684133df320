package eu.callmatch.search.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The calls of this replica waiting for their semantic vectors, and how fast they get them: what a ranking's
 * {@code pendingVectors}, the admin status and the gauges show, and what an import run's alerts wait for (a future
 * completed when the calls are done, never a poll).
 */
final class CallVectorBacklog {

    /** The rate is over this much of the recent past, or since the backlog began where that is later. */
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** A future that completes once none of its calls is pending: how many still are. */
    private static final class Waiter {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private int remaining;
    }

    /** Each pending call with how many queued batches hold it (an edit during an import queues it twice). */
    private final Map<String, Integer> pending = new HashMap<>();
    /**
     * The waiters of each pending call that has any: a batch done touches only its own calls' waiters, not every
     * waiter's every call (an import run's alerts wait for all of its thousands of calls).
     */
    private final Map<String, List<Waiter>> waiters = new HashMap<>();
    /** Recent batches done: [when (nanoTime), vectors]. */
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();
    /** When the backlog last grew from empty (nanoTime). */
    private long began = System.nanoTime();

    synchronized void add(Collection<String> keys) {
        if (pending.isEmpty()) {
            began = System.nanoTime();
        }
        keys.forEach(k -> pending.merge(k, 1, Integer::sum));
    }

    /**
     * A queued batch of these calls has ended, its {@code vectors} searchable (fewer than the calls where one was
     * deleted meanwhile or the batch failed).
     */
    void finished(Collection<String> keys, int vectors) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            for (String key : keys) {
                if (pending.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null) == null) {
                    // no longer pending (or not pending before: then nobody waits for it either)
                    List<Waiter> waiting = waiters.remove(key);
                    for (Waiter waiter : waiting == null ? List.<Waiter>of() : waiting) {
                        if (--waiter.remaining == 0) {
                            ready.add(waiter.done);
                        }
                    }
                }
            }
            if (vectors > 0) {
                recent.addLast(new long[]{System.nanoTime(), vectors});
            }
        }
        // outside the lock: what a waiter does next may ask the backlog again
        ready.forEach(f -> f.complete(null));
    }

    /** Completes once none of these calls is pending (at once when none is now). */
    synchronized CompletableFuture<Void> whenDone(Collection<String> keys) {
        Waiter waiter = new Waiter();
        for (String key : new HashSet<>(keys)) {
            if (pending.containsKey(key)) {
                waiter.remaining++;
                waiters.computeIfAbsent(key, k -> new ArrayList<>(1)).add(waiter);
            }
        }
        return waiter.remaining == 0 ? CompletableFuture.completedFuture(null) : waiter.done;
    }

    synchronized int size() {
        return pending.size();
    }

    synchronized boolean contains(String key) {
        return pending.containsKey(key);
    }

    /** Vectors made searchable per second over the last minute, or since the backlog began if that is later. */
    synchronized double perSecond() {
        long now = System.nanoTime();
        long from = Math.max(now - RATE_WINDOW_NANOS, began);
        while (!recent.isEmpty() && recent.peekFirst()[0] < now - RATE_WINDOW_NANOS) {
            recent.removeFirst();
        }
        long vectors = recent.stream().filter(r -> r[0] >= from).mapToLong(r -> r[1]).sum();
        double seconds = (now - from) / 1e9;
        return vectors == 0 || seconds <= 0 ? 0 : vectors / seconds;
    }
}
