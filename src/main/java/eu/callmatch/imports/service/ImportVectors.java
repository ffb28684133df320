package eu.callmatch.imports.service;

import eu.callmatch.calls.service.CallsImported;
import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.service.SearchIndexes;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * When the semantic vectors of a calls import run's calls are all computed (in the background, after the run): the
 * run's {@code details.vectors} says so, and a synchronous import may wait for it.
 */
@ApplicationScoped
public class ImportVectors {

    private static final Logger LOG = Logger.getLogger(ImportVectors.class);

    private final SearchIndexes indexes;
    private final ImportRunService runs;
    private final TextEmbedder embedder;
    /** The runs whose calls still wait for their vectors. */
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    /** Writes the runs' details off the vector thread, which completes the futures. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            DaemonThreads.named("callmatch-import-vectors"));

    ImportVectors(SearchIndexes indexes, ImportRunService runs, TextEmbedder embedder) {
        this.indexes = indexes;
        this.runs = runs;
        this.embedder = embedder;
    }

    void onImport(@Observes CallsImported imported) {
        if (!embedder.enabled()) {
            return;
        }
        long runId = imported.runId();
        long calls = imported.written().stream().distinct().count();
        CompletableFuture<Void> done = indexes.whenVectorsDone(imported.written())
                .thenRunAsync(() -> {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("calls", calls);
                    detail.put("doneAt", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toString());
                    runs.putDetail(runId, "vectors", detail);
                }, writer);
        waiting.put(runId, done);
        done.whenComplete((ok, failed) -> {
            waiting.remove(runId, done);
            if (failed != null) {
                LOG.warnf(failed, "Import run %d: recording when its calls' vectors were done failed", runId);
            }
        });
    }

    /** Completes once the run's calls have their vectors and its details say so (at once for any other run). */
    public CompletableFuture<Void> whenDone(long runId) {
        return waiting.getOrDefault(runId, CompletableFuture.completedFuture(null));
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.shutdownNow();
    }
}
