package eu.callmatch.common.changes;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether bulk writes (an import) are under way on this replica, so that deferrable work waits for them to end
 * instead of taking a CPU from them: computing the calls' semantic vectors, and making each batch searchable before
 * the next one is written (the last batch is, before the import answers).
 */
@ApplicationScoped
public class BulkWrites {

    /** Imports often come in a row (the nightly job's sources, a script posting files): deferred work waits this long. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private int running;
    /** How many bulk writes the current thread runs (they may nest). */
    private final ThreadLocal<int[]> onThread = ThreadLocal.withInitial(() -> new int[1]);
    private long lastEnded;
    /** Whether a bulk write has ended yet: before the first, deferred work does not wait at all. */
    private boolean anyEnded;
    private final List<Runnable> whenQuiet = new CopyOnWriteArrayList<>();

    /** Marks a bulk write as running until the returned handle is closed. */
    public synchronized Running begin() {
        running++;
        int[] mine = onThread.get();
        mine[0]++;
        return () -> {
            mine[0]--;
            end();
        };
    }

    /** Whether the current thread runs a bulk write (other threads' edits keep their own pace). */
    public boolean onThisThread() {
        return onThread.get()[0] > 0;
    }

    /**
     * Runs {@code action} on the writing thread each time the last running bulk write ends, before its handle's
     * {@code close()} returns (to finish work deferred while it ran, such as making its changes searchable).
     */
    public void whenQuiet(Runnable action) {
        whenQuiet.add(action);
    }

    private void end() {
        boolean quiet;
        synchronized (this) {
            running--;
            quiet = running == 0;
            lastEnded = System.nanoTime();
            anyEnded = true;
            notifyAll();
        }
        if (quiet) {
            whenQuiet.forEach(Runnable::run);
        }
    }

    /** Whether a bulk write runs on any thread of this replica. */
    public synchronized boolean underway() {
        return running > 0;
    }

    /**
     * Waits until no bulk write has run for {@link #SETTLE}, at most {@code atMost} (deferred work must not starve
     * behind a stream of imports). Returns false when interrupted.
     */
    public boolean awaitQuiet(Duration atMost) {
        return awaitQuiet(SETTLE, atMost);
    }

    /** As {@link #awaitQuiet(Duration)}, for work that waits {@code settle} after the last bulk write instead. */
    public synchronized boolean awaitQuiet(Duration settle, Duration atMost) {
        long until = System.nanoTime() + atMost.toNanos();
        try {
            while (true) {
                long now = System.nanoTime();
                long settled = running > 0 ? settle.toNanos() : anyEnded ? lastEnded + settle.toNanos() - now : 0;
                long wait = Math.min(settled, until - now);
                if (settled <= 0 || wait <= 0) {
                    return true;
                }
                wait(Math.max(1, wait / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A running bulk write; closing it ends it. */
    @FunctionalInterface
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }
}
