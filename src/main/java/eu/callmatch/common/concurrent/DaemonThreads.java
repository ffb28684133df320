package eu.callmatch.common.concurrent;

import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the service's background work: named (thread dumps, and the benchmarks' CPU figures by thread, read
 * the names) and daemons (they never hold up the JVM's exit; each owner stops or waits for its work at shutdown).
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Every thread named {@code name}. */
    public static ThreadFactory named(String name) {
        return named(name, Thread.NORM_PRIORITY);
    }

    /** Every thread named {@code name}, at {@code priority} (e.g. {@link Thread#MIN_PRIORITY} for work that can wait). */
    public static ThreadFactory named(String name, int priority) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.setPriority(priority);
            return thread;
        };
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> named(prefix + "-" + next.incrementAndGet()).newThread(task);
    }

    /**
     * At a stop: waits up to {@code seconds} for an executor that was told to shut down to end, and logs {@code
     * warning} with {@code log} if it has not. An interrupt meanwhile stops the wait and stays set for the caller.
     */
    public static void awaitStop(ExecutorService executor, long seconds, Logger log, String warning) {
        try {
            if (!executor.awaitTermination(seconds, TimeUnit.SECONDS)) {
                log.warn(warning);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Threads named {@code prefix-1}, {@code prefix-2}, ... that run at the system's lowest priority ({@link
     * BackgroundPriority}): for computing only. On Linux a thread inherits the priority of the thread that starts it,
     * and cannot raise it again; so these must start no thread (an executor starts its threads from the thread that
     * submits to it), nor hold a lock that a request waits for.
     */
    public static ThreadFactory lowest(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> named(prefix + "-" + next.incrementAndGet(), Thread.MIN_PRIORITY).newThread(() -> {
            BackgroundPriority.lowerCurrentThread();
            task.run();
        });
    }
}
