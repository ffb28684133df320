package eu.callmatch.search.index;

import eu.callmatch.search.index.SearchRequest.SortBy;
import eu.callmatch.search.index.SearchResult.FacetCount;
import eu.callmatch.search.index.SearchResult.Hit;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.callmatch.search.index.SearchFields.*;

/** One search on one searcher: query, exact count, top hits, facet counts and snippets in a single pass. */
final class IndexSearch {

    private static final int MAX_FACET_VALUES = 100;

    private IndexSearch() {
    }

    /**
     * @param facetState the facet ordinals of the searcher's reader, or null when no facet is asked for or the
     *                   index has none yet
     * @throws IllegalArgumentException when the request filters, facets or sorts on something the kind does not have
     */
    static SearchResult run(IndexKind kind, IndexSearcher searcher, SearchRequest request,
                            SortedSetDocValuesReaderState facetState) throws IOException {
        Query text = UserQueries.toQuery(request.text(), kind);
        Query query = filtered(kind, text, request);
        int topN = Math.max(1, request.offset() + request.limit());
        Sort sort = sort(kind, request.sort());
        // a threshold of MAX_VALUE counts every hit: the total is exact, not a lower bound
        CollectorManager<?, ? extends TopDocs> top = sort == null
                ? new TopScoreDocCollectorManager(topN, null, Integer.MAX_VALUE)
                : new TopFieldCollectorManager(sort, topN, null, Integer.MAX_VALUE);
        for (String facet : request.facets()) {
            require(kind.facetFields.contains(facet), "no facet " + facet + " on " + kind);
        }
        TopDocs topDocs;
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        if (request.facets().isEmpty()) {
            topDocs = searcher.search(query, top);
        } else {
            Object[] results = searcher.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
            topDocs = (TopDocs) results[0];
            facets = facetCounts(request.facets(), facetState, (FacetsCollector) results[1]);
        }
        assert topDocs.totalHits.relation == TotalHits.Relation.EQUAL_TO;

        ScoreDoc[] page = Arrays.copyOfRange(topDocs.scoreDocs, Math.min(request.offset(), topDocs.scoreDocs.length),
                Math.min(request.offset() + request.limit(), topDocs.scoreDocs.length));
        List<Hit> hits = new ArrayList<>(page.length);
        String[] snippets = snippets(kind, searcher, text, page);
        for (int i = 0; i < page.length; i++) {
            hits.add(new Hit(id(searcher, page[i].doc), sort == null ? page[i].score : Float.NaN, snippets[i]));
        }
        return new SearchResult(topDocs.totalHits.value, hits, facets);
    }

    private static Query filtered(IndexKind kind, Query text, SearchRequest request) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, Occur.MUST);
        request.filters().forEach((field, values) -> {
            require(kind.filterFields.contains(field), "no filter " + field + " on " + kind);
            if (values.size() == 1) {
                query.add(new TermQuery(new Term(field, values.get(0))), Occur.FILTER);
            } else if (!values.isEmpty()) {
                query.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()), Occur.FILTER);
            }
        });
        if (request.deadlineFrom() != null || request.deadlineTo() != null) {
            require(kind == IndexKind.CALLS, "deadlines are for calls");
            long from = request.deadlineFrom() == null ? Long.MIN_VALUE : request.deadlineFrom().toEpochDay();
            long to = request.deadlineTo() == null ? Long.MAX_VALUE : request.deadlineTo().toEpochDay();
            // points on a multi-valued field: matches when any deadline is in the window
            query.add(LongField.newRangeQuery(DEADLINE, from, to), Occur.FILTER);
        }
        if (request.budgetMinAtLeast() != null) {
            require(kind == IndexKind.CALLS, "budgets are for calls");
            query.add(LongField.newRangeQuery(BUDGET_MIN, request.budgetMinAtLeast(), Long.MAX_VALUE), Occur.FILTER);
        }
        return query.build();
    }

    /** Null for relevance; ties on a field sort fall back to relevance, then index order. */
    private static Sort sort(IndexKind kind, SortBy by) {
        return switch (by) {
            case RELEVANCE -> null;
            case DEADLINE -> {
                require(kind == IndexKind.CALLS, "deadlines are for calls");
                SortedNumericSortField earliest = new SortedNumericSortField(DEADLINE, SortField.Type.LONG, false,
                        SortedNumericSelector.Type.MIN);
                earliest.setMissingValue(Long.MAX_VALUE); // calls without a deadline last
                SortField applicable = new SortField(STATUS_RANK, SortField.Type.LONG, false);
                applicable.setMissingValue(0L);
                yield new Sort(applicable, earliest, SortField.FIELD_SCORE);
            }
            case OPENING_DATE -> {
                require(kind == IndexKind.CALLS, "opening dates are for calls");
                SortedNumericSortField newest = new SortedNumericSortField(OPENING_DATE, SortField.Type.LONG, true);
                newest.setMissingValue(Long.MIN_VALUE);
                yield new Sort(newest, SortField.FIELD_SCORE);
            }
            case NAME -> {
                require(kind != IndexKind.CALLS, "names are for members and organisations");
                yield new Sort(new SortField(NAME_SORT, SortField.Type.STRING, false), SortField.FIELD_SCORE);
            }
            case PARTICIPATIONS -> {
                require(kind == IndexKind.ORGANISATIONS, "participations are for organisations");
                SortField most = new SortField(PARTICIPATION_COUNT, SortField.Type.LONG, true);
                most.setMissingValue(0L);
                yield new Sort(most, SortField.FIELD_SCORE);
            }
        };
    }

    private static Map<String, List<FacetCount>> facetCounts(List<String> dims, SortedSetDocValuesReaderState state,
                                                             FacetsCollector hits) throws IOException {
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        SortedSetDocValuesFacetCounts counts = state == null ? null : new SortedSetDocValuesFacetCounts(state, hits);
        for (String dim : dims) {
            List<FacetCount> values = new ArrayList<>();
            FacetResult result = counts == null || state.getOrdRange(dim) == null
                    ? null // no document has this dimension yet
                    : counts.getTopChildren(MAX_FACET_VALUES, dim);
            if (result != null) {
                for (LabelAndValue lv : result.labelValues) {
                    values.add(new FacetCount(lv.label, lv.value.longValue()));
                }
            }
            facets.put(dim, values);
        }
        return facets;
    }

    /**
     * Per hit, the first snippet field with a match, else the start of the first one there is. A field is highlighted
     * only in the hits that no field before it matched: a search for a title's words need not go through the long
     * descriptions of the hits whose title it matched.
     */
    private static String[] snippets(IndexKind kind, IndexSearcher searcher, Query text, ScoreDoc[] page)
            throws IOException {
        String[] snippets = new String[page.length];
        if (page.length == 0) {
            return snippets;
        }
        UnifiedHighlighter highlighter = new SnippetText.Highlighter(
                UnifiedHighlighter.builder(searcher, Analyzers.PER_FIELD)
                        .withFormatter(new SnippetFormatter())
                        .withScorer(SnippetText.Scorer.INSTANCE)
                        .withMaxLength(SnippetText.MAX_LENGTH)
                        .withBreakIterator(SentenceBreaks::new)
                        // per field term offsets: weight matches would run the whole query, every field, every hit
                        .withWeightMatches(false));
        boolean[] matched = new boolean[page.length];
        int unmatched = page.length;
        for (String field : kind.snippetFields) {
            if (unmatched == 0) {
                break;
            }
            int[] hits = new int[unmatched];
            int[] docIds = new int[unmatched];
            for (int i = 0, n = 0; i < page.length; i++) {
                if (!matched[i]) {
                    hits[n] = i;
                    docIds[n++] = page[i].doc;
                }
            }
            String[] highlights = highlighter.highlightFields(new String[]{field}, text, docIds, new int[]{1})
                    .get(field);
            for (int n = 0; n < hits.length; n++) {
                int i = hits[n];
                String snippet = highlights[n];
                if (snippet != null && snippet.contains(SnippetFormatter.OPEN)) {
                    snippets[i] = snippet;
                    matched[i] = true;
                    unmatched--;
                } else if (snippets[i] == null) {
                    snippets[i] = snippet;
                }
            }
        }
        return snippets;
    }

    private static String id(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues ids = DocValues.getSorted(leaf.reader(), ID);
        if (!ids.advanceExact(doc - leaf.docBase)) {
            throw new IllegalStateException("document " + doc + " has no id");
        }
        return ids.lookupOrd(ids.ordValue()).utf8ToString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
