package eu.callmatch.common.concurrent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Background threads run at Linux's lowest priority, the others at the process's. */
public class BackgroundPriorityTest {

    @Test
    void backgroundThreadsRunAtTheLowestPriorityAndOthersAsBefore() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")),
                "thread priorities are lowered on Linux only (no /proc/thread-self here)");
        int process = nice();
        assertEquals(BackgroundPriority.NICE, niceOn(DaemonThreads.lowest("test-workers")));
        assertEquals(process, niceOn(DaemonThreads.named("test-normal")));
        assertEquals(process, niceOn(DaemonThreads.numbered("test-normal")));
        assertEquals(process, nice(), "the caller's own priority is left alone");
    }

    private static int niceOn(ThreadFactory threads) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(threads);
        try {
            return CompletableFuture.supplyAsync(BackgroundPriorityTest::nice, executor).get();
        } finally {
            executor.shutdown();
        }
    }

    /** The calling thread's nice value. */
    public static int nice() {
        return nice(Path.of("/proc/thread-self"));
    }

    /**
     * This process's threads (by the name the system has, its first 15 characters, and id) whose nice value is not
     * {@code nice}.
     */
    public static Map<String, Integer> threadsNotAt(int nice) {
        Map<String, Integer> threads = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    int value = nice(task);
                    if (value != nice) {
                        threads.put(Files.readString(task.resolve("comm")).strip() + " " + task.getFileName(), value);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return threads;
    }

    /** A thread's nice value: field 19 of its stat line, counted after the command's closing bracket. */
    private static int nice(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[19 - 3]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
