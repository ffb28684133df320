package eu.callmatch.search.matching;

import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.Similarity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.callmatch.search.index.SearchFields.*;

/**
 * The lexical side of a ranking: the profile's key terms searched in one field, their BM25 score in each field for
 * the candidates, and which of them each call has (a match's reasons).
 */
final class LexicalScores {

    /** The lexical fields, each scored on its own, in the order of their features in {@link CallRanker}. */
    static final List<String> FIELDS = List.of(TITLE, KEYWORDS, DESTINATION, DESCRIPTION);

    private LexicalScores() {
    }

    /** The key terms, weighted, in one field, among the documents {@code filter} lets through. */
    static Query fieldQuery(IndexSearcher searcher, String field, Map<String, Float> terms, Query filter)
            throws IOException {
        return new BooleanQuery.Builder().add(fieldQuery(searcher, field, terms), Occur.MUST)
                .add(filter, Occur.FILTER).build();
    }

    /** The key terms, weighted, in one field. */
    private static Query fieldQuery(IndexSearcher searcher, String field, Map<String, Float> terms) throws IOException {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        TermStates[] states = IndexVersionCache.termStates(searcher, field, terms.keySet());
        int t = 0;
        for (Map.Entry<String, Float> e : terms.entrySet()) {
            text.add(new BoostQuery(new TermQuery(new Term(field, e.getKey()), states[t++]), e.getValue()),
                    Occur.SHOULD);
        }
        return text.build();
    }

    /**
     * The BM25 score of the key terms in one field, for the given documents (sorted; 0 where no term occurs), and in
     * {@code found} which of the terms each has, a bit per term in their order (they are at most 64): the
     * score {@link #fieldQuery} gives them, read term by term from the postings instead of searched, which would
     * advance all the terms' postings together for every document.
     */
    static float[] fieldScores(IndexSearcher searcher, String field, Map<String, Float> terms, int[] docs,
                                       long[] found) throws IOException {
        float[] scores = new float[docs.length];
        CollectionStatistics collection = searcher.collectionStatistics(field);
        if (collection == null) {
            return scores;
        }
        // per term: its statistics and scorer once for the whole index (null: no call has it)
        Term[] keys = new Term[terms.size()];
        TermStates[] states = IndexVersionCache.termStates(searcher, field, terms.keySet());
        Similarity.SimScorer[] scorers = new Similarity.SimScorer[keys.length];
        int t = 0;
        for (Map.Entry<String, Float> e : terms.entrySet()) {
            keys[t] = new Term(field, e.getKey());
            if (states[t].docFreq() > 0) {
                scorers[t] = searcher.getSimilarity().scorer(e.getValue(), collection,
                        searcher.termStatistics(keys[t], states[t].docFreq(), states[t].totalTermFreq()));
            } else {
                states[t] = null;
            }
            t++;
        }
        // per segment that holds candidates: one terms enumeration, one postings enumeration reused for every term,
        // and the candidates' field lengths read once (each term then adds to a candidate's score in term order)
        int next = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            int from = next;
            int end = leaf.docBase + leaf.reader().maxDoc();
            while (next < docs.length && docs[next] < end) {
                next++;
            }
            Terms fieldTerms = from == next ? null : leaf.reader().terms(field);
            if (fieldTerms == null) {
                continue;
            }
            long[] norms = new long[next - from];
            NumericDocValues normValues = leaf.reader().getNormValues(field);
            for (int d = from; d < next; d++) {
                norms[d - from] = normValues != null && normValues.advanceExact(docs[d] - leaf.docBase)
                        ? normValues.longValue() : 1L;
            }
            TermsEnum te = fieldTerms.iterator();
            PostingsEnum postings = null;
            for (t = 0; t < keys.length; t++) {
                org.apache.lucene.index.TermState state = states[t] == null ? null : states[t].get(leaf);
                if (state == null) {
                    continue;
                }
                te.seekExact(keys[t].bytes(), state);
                postings = te.postings(postings, PostingsEnum.FREQS);
                for (int d = from; d < next; d++) {
                    int target = docs[d] - leaf.docBase;
                    int at = postings.docID() >= target ? postings.docID() : postings.advance(target);
                    if (at == DocIdSetIterator.NO_MORE_DOCS) {
                        break;
                    }
                    if (at == target) {
                        scores[d] += scorers[t].score(postings.freq(), norms[d - from]);
                        found[d] |= 1L << t;
                    }
                }
            }
        }
        return scores;
    }

    /**
     * Per document, per field, which of the terms it contains: the reasons a call matched, from what the scoring
     * found ({@code found}, per field a bit per term for each of {@code candidates}).
     */
    static Map<Integer, Map<String, List<String>>> matchedTerms(List<Integer> docs,
                                                                        java.util.Set<String> terms, int[] candidates,
                                                                        Map<String, long[]> found) {
        List<String> inOrder = List.copyOf(terms);
        List<String> sortedTerms = terms.stream().sorted().toList();
        long[] bits = sortedTerms.stream().mapToLong(term -> 1L << inOrder.indexOf(term)).toArray();
        Map<Integer, Map<String, List<String>>> matched = new HashMap<>();
        for (int doc : docs) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (String field : FIELDS) {
                long[] in = found.get(field);
                long has = in == null ? 0 : in[java.util.Arrays.binarySearch(candidates, doc)];
                List<String> hits = new ArrayList<>();
                for (int i = 0; i < bits.length; i++) {
                    if ((has & bits[i]) != 0) {
                        hits.add(sortedTerms.get(i));
                    }
                }
                if (!hits.isEmpty()) {
                    fields.put(field, hits);
                }
            }
            if (!fields.isEmpty()) {
                matched.put(doc, fields);
            }
        }
        return matched;
    }
}
