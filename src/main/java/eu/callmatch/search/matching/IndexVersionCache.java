package eu.callmatch.search.matching;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a ranking looks up in the calls index that does not depend on the profile, kept for one index version (a
 * reader's cache key) and dropped when a newer one is asked for: document frequencies, where the key terms are in
 * each segment, the documents the usual filters let through.
 */
final class IndexVersionCache {

    /** Document frequencies (about a hundred bytes each): beyond this many, the version's lookups start again. */
    private static final int MAX_CACHED_TERMS = 200_000;
    /** Where a key term is in each segment, per field: a few hundred bytes each. */
    private static final int MAX_CACHED_STATES = 20_000;
    /** Filters (a bit per call each): a day's requests use a handful. */
    private static final int MAX_CACHED_FILTERS = 64;
    private static volatile Kept current;

    private IndexVersionCache() {
    }

    /**
     * Per term, its largest document frequency over the lexical fields. Looked up once per term and index version
     * (profiles share most of their vocabulary), with one terms enumeration per segment and field, sought in term
     * order: a long profile has hundreds of terms, and looking each up afresh costs more than the search itself.
     */
    static Map<String, Integer> docFreqs(IndexReader reader, java.util.Set<String> terms) throws IOException {
        Kept cache = cache(reader);
        Map<String, Integer> dfs = new HashMap<>(terms.size() * 2);
        List<String> missing = new ArrayList<>();
        for (String term : terms) {
            Integer df = cache.dfs().get(term);
            if (df == null) {
                missing.add(term);
            } else if (df > 0) {
                dfs.put(term, df);
            }
        }
        missing.sort(null);
        List<BytesRef> bytes = missing.stream().map(BytesRef::new).toList();
        int[] best = new int[missing.size()];
        for (String field : LexicalScores.FIELDS) {
            int[] sum = new int[missing.size()];
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms fieldTerms = leaf.reader().terms(field);
                if (fieldTerms == null) {
                    continue;
                }
                TermsEnum te = fieldTerms.iterator();
                for (int i = 0; i < bytes.size(); i++) {
                    if (te.seekExact(bytes.get(i))) {
                        sum[i] += te.docFreq();
                    }
                }
            }
            for (int i = 0; i < sum.length; i++) {
                best[i] = Math.max(best[i], sum[i]);
            }
        }
        for (int i = 0; i < missing.size(); i++) {
            cache.dfs().put(missing.get(i), best[i]);
            if (best[i] > 0) {
                dfs.put(missing.get(i), best[i]);
            }
        }
        return dfs;
    }

    /**
     * What does not depend on the profile, for one index version (a reader's cache key): document frequencies,
     * where the key terms are, the documents the usual filters let through.
     */
    private record Kept(Object version, Map<String, Integer> dfs, Map<Term, TermStates> states,
                        Map<Query, DocSetQuery> filters) {
    }

    private static Kept cache(IndexReader reader) {
        Object version = reader.getReaderCacheHelper() == null ? reader : reader.getReaderCacheHelper().getKey();
        Kept cache = current;
        if (cache == null || cache.version() != version || cache.dfs().size() > MAX_CACHED_TERMS) {
            cache = new Kept(version, new java.util.concurrent.ConcurrentHashMap<>(),
                    new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>());
            current = cache;
        }
        return cache;
    }

    /** The documents {@code filter} lets through, kept per index version for the few filters requests use. */
    static DocSetQuery filterDocs(IndexSearcher searcher, Query filter) throws IOException {
        Kept cache = cache(searcher.getIndexReader());
        DocSetQuery docs = cache.filters().get(filter);
        if (docs == null) {
            docs = DocSetQuery.of(searcher, filter);
            if (cache.filters().size() < MAX_CACHED_FILTERS) {
                cache.filters().put(filter, docs);
            }
        }
        return docs;
    }

    /**
     * Where each of {@code terms} is in each segment of {@code field}, in their order, kept per index version like the
     * document frequencies: key terms recur from one profile to the next, and looking them up in four fields' term
     * dictionaries costs a fifth of a ranking. Those not kept yet are sought together, in term order, with one terms
     * enumeration per segment ({@link TermStates#build} starts a new one for every term and segment, which cost a
     * quarter of a ranking whose key terms were new).
     */
    static TermStates[] termStates(IndexSearcher searcher, String field, java.util.Collection<String> terms)
            throws IOException {
        Kept cache = cache(searcher.getIndexReader());
        org.apache.lucene.index.IndexReaderContext top = searcher.getTopReaderContext();
        TermStates[] states = new TermStates[terms.size()];
        Term[] keys = new Term[states.length];
        List<Integer> missing = new ArrayList<>();
        int t = 0;
        for (String text : terms) {
            keys[t] = new Term(field, text);
            TermStates kept = cache.states().get(keys[t]);
            if (kept != null && kept.wasBuiltFor(top)) {
                states[t] = kept;
            } else {
                states[t] = new TermStates(top);
                missing.add(t);
            }
            t++;
        }
        if (missing.isEmpty()) {
            return states;
        }
        missing.sort(Comparator.comparing(m -> keys[m].bytes()));
        for (LeafReaderContext leaf : top.leaves()) {
            Terms fieldTerms = leaf.reader().terms(field);
            if (fieldTerms == null) {
                continue;
            }
            TermsEnum te = fieldTerms.iterator();
            for (int m : missing) {
                if (te.seekExact(keys[m].bytes())) {
                    states[m].register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
                }
            }
        }
        for (int m : missing) {
            if (cache.states().size() < MAX_CACHED_STATES) {
                cache.states().put(keys[m], states[m]);
            }
        }
        return states;
    }
}
