package eu.callmatch.common;

import eu.callmatch.common.changes.BulkWrites;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkWritesTest {

    @Test
    void deferredWorkWaitsForTheLastImportToEndAndSettle() throws Exception {
        BulkWrites bulk = new BulkWrites();
        AtomicInteger quiet = new AtomicInteger();
        bulk.whenQuiet(quiet::incrementAndGet);

        BulkWrites.Running first = bulk.begin();
        BulkWrites.Running second = bulk.begin();
        assertTrue(bulk.underway());
        assertTrue(bulk.onThisThread());
        boolean[] elsewhere = new boolean[1];
        Thread other = new Thread(() -> elsewhere[0] = bulk.onThisThread());
        other.start();
        other.join();
        assertFalse(elsewhere[0], "another thread's edits are not part of the import");
        first.close();
        assertEquals(0, quiet.get(), "another import still runs");
        long start = System.nanoTime();
        Thread ender = new Thread(() -> {
            sleep(300);
            second.close();
        });
        ender.start();
        assertTrue(bulk.awaitQuiet(Duration.ofSeconds(30)));
        double waited = (System.nanoTime() - start) / 1e9;
        ender.join();
        assertFalse(bulk.underway());
        assertEquals(1, quiet.get(), "the end of the last import runs the deferred actions once, on its thread");
        assertTrue(waited >= 2.2, "waits for the import to end, then for imports to settle: " + waited);
    }

    @Test
    void deferredWorkDoesNotStarveBehindImports() {
        BulkWrites bulk = new BulkWrites();
        try (BulkWrites.Running running = bulk.begin()) {
            long start = System.nanoTime();
            assertTrue(bulk.awaitQuiet(Duration.ofMillis(200)));
            assertTrue((System.nanoTime() - start) / 1e6 >= 190);
            assertTrue(bulk.underway());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
