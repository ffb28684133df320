package eu.callmatch.search.service;

import eu.callmatch.common.error.ProblemException;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.SearchRequest;
import eu.callmatch.search.index.SearchResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Searches an index of this replica; the features read the records back from PostgreSQL by the ids found. */
@ApplicationScoped
public class SearchService {

    /** The ids found, in order, with their snippets, the total and the facet counts. */
    public record Found(List<SearchResult.Hit> hits, long total, Map<String, Map<String, Long>> facets) {
        public List<String> ids() {
            return hits.stream().map(SearchResult.Hit::id).toList();
        }

        /** The records read back by id, in the order found, each with its snippet (a record deleted since is left out). */
        public <T, H> List<H> items(Map<String, T> byId, java.util.function.BiFunction<T, String, H> hit) {
            return hits.stream().filter(h -> byId.containsKey(h.id())).map(h -> hit.apply(byId.get(h.id()), h.snippet()))
                    .toList();
        }
    }

    private final SearchIndexes indexes;
    private final Map<IndexKind, Timer> latency = new EnumMap<>(IndexKind.class);

    SearchService(SearchIndexes indexes, MeterRegistry meters) {
        this.indexes = indexes;
        for (IndexKind kind : IndexKind.values()) {
            latency.put(kind, Timer.builder("callmatch.search.latency")
                    .description("How long a search takes in the index, facets and snippets included")
                    .tag("index", kind.name().toLowerCase()).publishPercentileHistogram().register(meters));
        }
    }

    public Found search(IndexKind kind, SearchRequest request) {
        // right after start an index may still be built: a search waits a little for it
        if (!indexes.awaitReady(java.time.Duration.ofSeconds(10)) && indexes.index(kind).numDocs() == 0) {
            throw new ProblemException(503, "The search index is being built; try again in a moment");
        }
        Timer.Sample sample = Timer.start();
        SearchResult result = indexes.index(kind).search(request);
        sample.stop(latency.get(kind));
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        result.facets().forEach((field, counts) -> {
            Map<String, Long> byValue = new LinkedHashMap<>();
            counts.forEach(c -> byValue.put(c.value(), c.count()));
            facets.put(field, byValue);
        });
        return new Found(result.hits(), result.total(), facets);
    }
}
