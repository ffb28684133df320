package eu.callmatch.search.service;

import eu.callmatch.common.error.ProblemException;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.SearchFields;
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

    /** The calls found, with the counts of their programmes, statuses, action types, clusters and kinds. */
    public Found calls(CallQuery query) {
        SearchRequest request = new SearchRequest(query.text(), Map.of(), query.deadlineFrom(), query.deadlineTo(),
                query.budgetMinAtLeast(), switch (query.sort()) {
                    case RELEVANCE -> SearchRequest.SortBy.RELEVANCE;
                    case DEADLINE -> SearchRequest.SortBy.DEADLINE;
                    case OPENING_DATE -> SearchRequest.SortBy.OPENING_DATE;
                }, query.offset(), query.limit(),
                List.of(SearchFields.PROGRAMME, SearchFields.STATUS, SearchFields.ACTION_TYPE, SearchFields.CLUSTER,
                        SearchFields.KIND));
        request = filter(request, SearchFields.PROGRAMME, query.programmes());
        request = filter(request, SearchFields.STATUS, query.statuses());
        request = filter(request, SearchFields.ACTION_TYPE, query.actionTypes());
        request = filter(request, SearchFields.CLUSTER, query.clusters());
        request = filter(request, SearchFields.KIND, query.kinds());
        request = filter(request, SearchFields.PARENT_TOPIC, query.parentTopics());
        request = filter(request, SearchFields.ID, query.identifiers());
        return search(IndexKind.CALLS, request);
    }

    /** The members found, with the counts of their countries and kinds of organisation. */
    public Found members(PartyQuery query) {
        return search(IndexKind.MEMBERS, party(query, List.of(SearchFields.COUNTRY, SearchFields.ORGANISATION_TYPE)));
    }

    /** The CORDIS organisations found, with the counts of their countries, kinds of organisation and SME flags. */
    public Found organisations(PartyQuery query) {
        return search(IndexKind.ORGANISATIONS,
                party(query, List.of(SearchFields.COUNTRY, SearchFields.ORGANISATION_TYPE, SearchFields.SME)));
    }

    private static SearchRequest party(PartyQuery query, List<String> facets) {
        SearchRequest request = new SearchRequest(query.text(), Map.of(), null, null, null, switch (query.sort()) {
            case RELEVANCE -> SearchRequest.SortBy.RELEVANCE;
            case NAME -> SearchRequest.SortBy.NAME;
            case PARTICIPATIONS -> SearchRequest.SortBy.PARTICIPATIONS;
        }, query.offset(), query.limit(), facets);
        request = filter(request, SearchFields.COUNTRY, query.countries());
        request = filter(request, SearchFields.ORGANISATION_TYPE, query.organisationTypes());
        return query.sme() == null ? request : request.withFilter(SearchFields.SME, query.sme().toString());
    }

    private static SearchRequest filter(SearchRequest request, String field, List<String> values) {
        return values.isEmpty() ? request : request.withFilter(field, values.toArray(String[]::new));
    }

    private Found search(IndexKind kind, SearchRequest request) {
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
