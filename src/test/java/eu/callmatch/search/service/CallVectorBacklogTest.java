package eu.callmatch.search.service;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an import run's alerts wait for: a future per set of calls, completed once none of them is pending. */
class CallVectorBacklogTest {

    private final CallVectorBacklog backlog = new CallVectorBacklog();

    @Test
    void aWaiterCompletesWhenItsLastCallIsDoneAndNotBefore() {
        backlog.add(List.of("A", "B", "C"));
        CompletableFuture<Void> ab = backlog.whenDone(List.of("A", "B"));
        CompletableFuture<Void> bc = backlog.whenDone(List.of("B", "C", "NOT-PENDING"));

        backlog.finished(List.of("A"), 1);
        assertFalse(ab.isDone());
        backlog.finished(List.of("B"), 1);
        assertTrue(ab.isDone(), "A and B are done");
        assertFalse(bc.isDone(), "C is still pending");
        assertEquals(1, backlog.size());
        backlog.finished(List.of("C"), 0); // a batch that failed or whose call was deleted ends it too
        assertTrue(bc.isDone());
        assertEquals(0, backlog.size());
    }

    @Test
    void aCallQueuedTwiceIsPendingUntilBothBatchesEnd() {
        backlog.add(List.of("A"));
        backlog.add(List.of("A")); // edited during its import
        CompletableFuture<Void> a = backlog.whenDone(List.of("A", "A"));
        backlog.finished(List.of("A"), 1);
        assertTrue(backlog.contains("A"));
        assertFalse(a.isDone());
        backlog.finished(List.of("A"), 1);
        assertFalse(backlog.contains("A"));
        assertTrue(a.isDone());
    }

    @Test
    void nothingPendingIsDoneAtOnce() {
        assertTrue(backlog.whenDone(List.of("A")).isDone());
        backlog.add(List.of("A"));
        backlog.finished(List.of("A", "UNKNOWN"), 1);
        assertTrue(backlog.whenDone(List.of("A")).isDone());
    }

    @Test
    void manyImportRunsWaitingForTheirOwnCalls() {
        List<List<String>> runs = IntStream.range(0, 5).mapToObj(r -> IntStream.range(0, 2_000)
                .mapToObj(i -> "RUN" + r + "-" + i).toList()).toList();
        runs.forEach(backlog::add);
        List<CompletableFuture<Void>> waits = runs.stream().map(backlog::whenDone).toList();
        // the batches of 32 as the vectors thread takes them, newest run first
        for (int r = runs.size() - 1; r >= 0; r--) {
            List<String> run = runs.get(r);
            for (int from = 0; from < run.size(); from += 32) {
                assertFalse(waits.get(r).isDone());
                backlog.finished(run.subList(from, Math.min(run.size(), from + 32)), 32);
            }
            assertTrue(waits.get(r).isDone(), "run " + r + " done");
            assertEquals(runs.size() - r, waits.stream().filter(CompletableFuture::isDone).count(),
                    "only the runs whose calls are all done");
        }
        assertEquals(0, backlog.size());
    }
}
