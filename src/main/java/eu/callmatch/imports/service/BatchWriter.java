package eu.callmatch.imports.service;

import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.common.changes.BulkWrites;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The thread an import's batches are written on, while the importing thread reads and checks the next batch: reading
 * a file (CSV, HTML to text) and writing to PostgreSQL then take a core each instead of taking turns. Batches are
 * written one after the other, in file order; the writes count as the import's bulk write.
 */
@ApplicationScoped
class BatchWriter {

    private final BulkWrites bulkWrites;
    /** A daemon: at shutdown the import service waits for its running import, which waits for its batches. */
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            DaemonThreads.named("callmatch-import-writer"));

    BatchWriter(BulkWrites bulkWrites) {
        this.bulkWrites = bulkWrites;
    }

    Future<?> submit(Runnable batch) {
        return thread.submit(() -> {
            try (BulkWrites.Running bulk = bulkWrites.begin()) {
                batch.run();
            }
        });
    }
}
