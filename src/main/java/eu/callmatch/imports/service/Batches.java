package eu.callmatch.imports.service;

import eu.callmatch.common.changes.Outcome;
import eu.callmatch.common.text.PlainMessages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes records in batches that commit on their own, so that a failure never undoes earlier batches. A batch
 * that fails is written again one record at a time, to reject only the record that broke it. Each batch is written
 * on the {@link BatchWriter}'s thread while the caller collects the next one; {@link #writeAllOf} waits for the last.
 */
final class Batches<T> {

    private static final Logger LOG = Logger.getLogger(Batches.class);
    static final int SIZE = 200;

    /** A record and where it was in the file. */
    record Item<T>(long line, String key, T record) {
    }

    private final Function<T, Outcome> writer;
    private final ImportProgress progress;
    private final Runnable afterBatch;
    private final Consumer<List<String>> preload;
    private final List<Item<T>> pending = new ArrayList<>();
    private final BatchWriter writerThread;
    /** The batch being written, if any. */
    private Future<?> writing = CompletableFuture.completedFuture(null);

    Batches(BatchWriter writerThread, Function<T, Outcome> writer, ImportProgress progress, Runnable afterBatch) {
        this(writerThread, writer, keys -> { }, progress, afterBatch);
    }

    /**
     * @param preload runs first in each batch's transaction with the batch's keys: to read the records they may
     *                replace in one query rather than one query a record
     */
    Batches(BatchWriter writerThread, Function<T, Outcome> writer, Consumer<List<String>> preload,
            ImportProgress progress, Runnable afterBatch) {
        this.writerThread = writerThread;
        this.writer = writer;
        this.preload = preload;
        this.progress = progress;
        this.afterBatch = afterBatch;
    }

    void add(long line, String key, T record) {
        pending.add(new Item<>(line, key, record));
        if (pending.size() >= SIZE) {
            flush();
        }
    }

    /** Hands the records collected so far to the writing thread, once the batch before them is written. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Item<T>> batch = List.copyOf(pending);
        pending.clear();
        awaitWritten();
        writing = writerThread.submit(() -> write(batch));
    }

    /**
     * Runs {@code reading}, which {@link #add}s the records of a file, and waits until every batch is written. When
     * reading fails, the records read before the failure are written all the same (they were valid) before its
     * exception is rethrown; a failure to write them is added to it.
     */
    void writeAllOf(Runnable reading) {
        try {
            reading.run();
        } catch (RuntimeException failure) {
            try {
                finish();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        finish();
    }

    /** Writes the records collected so far and waits until every batch is written. */
    private void finish() {
        flush();
        awaitWritten();
    }

    private void awaitWritten() {
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a batch was written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void write(List<Item<T>> batch) {
        try {
            List<Outcome> outcomes = QuarkusTransaction.requiringNew().call(() -> {
                preload.accept(batch.stream().map(Item::key).toList());
                return batch.stream().map(item -> writer.apply(item.record())).toList();
            });
            outcomes.forEach(progress::count);
        } catch (RuntimeException batchFailure) {
            LOG.debugf(batchFailure, "A batch failed; writing its %d records one by one", batch.size());
            for (Item<T> item : batch) {
                try {
                    progress.count(QuarkusTransaction.requiringNew().call(() -> writer.apply(item.record())));
                } catch (RuntimeException e) {
                    progress.reject(item.line(), item.key(), "could not be stored: " + PlainMessages.databaseRefusal(e));
                }
            }
        }
        afterBatch.run();
    }
}
