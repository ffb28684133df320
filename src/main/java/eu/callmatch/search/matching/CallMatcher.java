package eu.callmatch.search.matching;

import eu.callmatch.search.index.Analyzers;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.service.SearchIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.callmatch.search.index.SearchFields.*;

/**
 * Ranks calls for a profile of any length: semantic similarity of the profile's and the calls' embeddings, combined
 * with a field-aware BM25 over the profile's key terms. The candidates are the title's best calls and the vectors'
 * nearest (without vectors, every field's best calls); each field scores them on its own and its scores are
 * divided by the best score of that field, so a long field (a few calls have 20-page descriptions) cannot swamp
 * the short ones; the dense scores are min-max normalised over the candidates.
 */
@ApplicationScoped
public class CallMatcher {

    /** The profile's terms that are searched: the most distinctive ones (at most 64: a bit each in a long). */
    static final int KEY_TERMS = 48;
    /** The lexical fields and their weight in the lexical score; the title says best what a call is for. */
    static final Map<String, Double> FIELD_WEIGHTS = orderedWeights(TITLE, 1.0, KEYWORDS, 0.1, DESTINATION, 0.1,
            DESCRIPTION, 0.1);
    static final double DENSE_WEIGHT = 0.7;
    /** With a profile of several sentences, the share of the best sentence's cosine in the semantic score. */
    static final double BEST_PART_WEIGHT = 0.5;
    /** A keyword the profile gives counts like a word written this many times. */
    static final int KEYWORD_TF = 3;
    /** How many of the best calls are read for the profile's programme areas, and how much those areas count. */
    static final int FEEDBACK_CALLS = 5;
    static final double AREA_WEIGHT = 0.2;
    /** Sharing programme, cluster and destination counts in full; the call number adds nothing more. */
    static final int AREA_DEPTH = 3;

    /** The result: the best matches, and how many calls passed the filters. */
    public record Result(List<CallMatch> matches, long total) {
    }

    private final SearchIndexes indexes;

    CallMatcher(SearchIndexes indexes) {
        this.indexes = indexes;
    }

    public Result match(CallMatchQuery query, int limit) {
        return match(indexes.index(IndexKind.CALLS), query, limit);
    }

    /** Matches over the given calls index (the service's, or a benchmark's). */
    public static Result match(LuceneIndex calls, CallMatchQuery query, int limit) {
        return calls.withSearcher(searcher -> {
            try {
                return match(searcher, query, limit);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The cosine of {@code vector} and the call's stored vector, or NaN when it has none. */
    public double semantic(String identifier, float[] vector) {
        return indexes.index(IndexKind.CALLS).withSearcher(searcher -> {
            try {
                float[] v = storedVector(searcher, identifier);
                return v == null || vector == null ? Double.NaN : TextEmbedder.cosine(v, vector);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The call's stored vector, or null. */
    public float[] vector(String identifier) {
        return indexes.index(IndexKind.CALLS).withSearcher(searcher -> {
            try {
                return storedVector(searcher, identifier);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static float[] storedVector(IndexSearcher searcher, String identifier) throws IOException {
        TopDocs hit = searcher.search(new TermQuery(new Term(ID, identifier)), 1);
        if (hit.scoreDocs.length == 0) {
            return null;
        }
        int doc = hit.scoreDocs[0].doc;
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(CALL_VECTOR);
        if (values == null || values.advance(doc - leaf.docBase) != doc - leaf.docBase) {
            return null;
        }
        return values.vectorValue().clone();
    }

    private static Result match(IndexSearcher searcher, CallMatchQuery query, int limit) throws IOException {
        // evaluated once: a dozen searches below take it as a filter
        DocSetQuery filter = filterDocs(searcher, filter(query));
        long total = filter.count();
        Map<String, Float> terms = keyTerms(searcher.getIndexReader(), query);
        int k = Math.max(query.candidates(), limit);

        Map<Integer, double[]> candidates = new HashMap<>(); // doc -> [dense, field scores...]
        int fields = FIELD_WEIGHTS.size();
        List<String> fieldNames = List.copyOf(FIELD_WEIGHTS.keySet());
        boolean dense = query.vector() != null && hasVectors(searcher.getIndexReader());
        // the candidates: the title's best calls and the vectors' nearest; without vectors, every field's best calls
        List<String> searched = dense ? List.of(TITLE) : fieldNames;
        for (int f = 1; f <= fields && !terms.isEmpty(); f++) {
            if (!searched.contains(fieldNames.get(f - 1))) {
                continue;
            }
            // no total hit count is needed: the search may skip calls that cannot reach its best k from the start
            ScoreDoc[] top = searcher.search(within(fieldQuery(searcher, fieldNames.get(f - 1), terms), filter),
                    new TopScoreDocCollectorManager(k, null, k)).scoreDocs;
            double max = top.length == 0 ? 1 : top[0].score;
            for (ScoreDoc sd : top) {
                candidates.computeIfAbsent(sd.doc, d -> nanRow(fields + 1))[f] = sd.score / max;
            }
        }
        if (dense) {
            // the profile's nearest calls; its sentences only score the candidates: read within the profile, their
            // vectors lie near its own, and a vector search costs more the more neighbours it is asked for
            int kv = Math.max(limit, k / 2);
            for (ScoreDoc sd : searcher.search(new KnnFloatVectorQuery(CALL_VECTOR, query.vector(), kv, filter), kv)
                    .scoreDocs) {
                candidates.computeIfAbsent(sd.doc, d -> nanRow(fields + 1));
            }
            dense(searcher.getIndexReader(), query.vector(), query.parts(), candidates);
        }
        // the other fields weigh little: they only score the candidates, each against the best candidate. Searched
        // for their own best calls, a long description's postings cost more than all the rest of the ranking.
        int[] docs = candidates.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        Map<String, long[]> found = new HashMap<>(); // per field and candidate, which key terms it has (a bit each)
        if (!terms.isEmpty() && !candidates.isEmpty() && searched.size() < fields) {
            for (int f = 1; f <= fields; f++) {
                String field = fieldNames.get(f - 1);
                if (searched.contains(field)) {
                    continue;
                }
                long[] has = new long[docs.length];
                found.put(field, has);
                float[] scores = fieldScores(searcher, field, terms, docs, has);
                float max = 0;
                for (float score : scores) {
                    max = Math.max(max, score);
                }
                for (int d = 0; d < docs.length; d++) {
                    if (scores[d] > 0) {
                        candidates.get(docs[d])[f] = scores[d] / max;
                    }
                }
            }
        }
        double minDense = Double.MAX_VALUE;
        double maxDense = -Double.MAX_VALUE;
        for (double[] row : candidates.values()) {
            if (!Double.isNaN(row[0])) {
                minDense = Math.min(minDense, row[0]);
                maxDense = Math.max(maxDense, row[0]);
            }
        }
        double weightSum = FIELD_WEIGHTS.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(candidates.size());
        for (Map.Entry<Integer, double[]> e : candidates.entrySet()) {
            double[] row = e.getValue();
            double lexical = 0;
            int i = 0;
            for (double w : FIELD_WEIGHTS.values()) {
                i++;
                lexical += Double.isNaN(row[i]) ? 0 : w * row[i];
            }
            lexical /= weightSum;
            double score = lexical;
            if (dense) {
                double d = Double.isNaN(row[0]) ? 0
                        : maxDense > minDense ? (row[0] - minDense) / (maxDense - minDense) : 1;
                score = DENSE_WEIGHT * d + (1 - DENSE_WEIGHT) * lexical;
            }
            ranked.add(new java.util.AbstractMap.SimpleEntry<>(e.getKey(), score));
        }
        Comparator<Map.Entry<Integer, Double>> best = Map.Entry.<Integer, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey());
        ranked.sort(best);
        Map<Integer, String> ids = ids(searcher.getIndexReader(), candidates.keySet());
        Map<Integer, String> areas = areaFeedback(ranked, ids);
        ranked.sort(best);
        List<Map.Entry<Integer, Double>> top = ranked.subList(0, Math.min(limit, ranked.size()));
        Map<Integer, Map<String, List<String>>> matched = matchedTerms(searcher,
                top.stream().map(Map.Entry::getKey).toList(), terms.keySet(), searched, docs, found);
        List<CallMatch> matches = new ArrayList<>(top.size());
        for (Map.Entry<Integer, Double> e : top) {
            matches.add(new CallMatch(ids.get(e.getKey()), e.getValue(), candidates.get(e.getKey())[0],
                    matched.getOrDefault(e.getKey(), Map.of()), areas.get(e.getKey())));
        }
        return new Result(matches, total);
    }

    /** The key terms, weighted, in one field. */
    private static Query fieldQuery(IndexSearcher searcher, String field, Map<String, Float> terms) throws IOException {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> e : terms.entrySet()) {
            Term term = new Term(field, e.getKey());
            text.add(new BoostQuery(new TermQuery(term, termStates(searcher, term)), e.getValue()), Occur.SHOULD);
        }
        return text.build();
    }

    /**
     * The BM25 score of the key terms in one field, for the given documents (sorted; 0 where no term occurs), and in
     * {@code found} which of the terms each has, a bit per term in their order (they are at most 64): the
     * score {@link #fieldQuery} gives them, read term by term from the postings instead of searched, which would
     * advance all the terms' postings together for every document.
     */
    private static float[] fieldScores(IndexSearcher searcher, String field, Map<String, Float> terms, int[] docs,
                                       long[] found) throws IOException {
        float[] scores = new float[docs.length];
        CollectionStatistics collection = searcher.collectionStatistics(field);
        if (collection == null) {
            return scores;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int t = -1;
        for (Map.Entry<String, Float> e : terms.entrySet()) {
            t++;
            Term term = new Term(field, e.getKey());
            TermStates states = termStates(searcher, term);
            if (states.docFreq() == 0) {
                continue;
            }
            Similarity.SimScorer scorer = searcher.getSimilarity().scorer(e.getValue(), collection,
                    searcher.termStatistics(term, states.docFreq(), states.totalTermFreq()));
            int next = 0;
            for (LeafReaderContext leaf : leaves) {
                int from = next;
                int end = leaf.docBase + leaf.reader().maxDoc();
                while (next < docs.length && docs[next] < end) {
                    next++;
                }
                org.apache.lucene.index.TermState state = from == next ? null : states.get(leaf);
                if (state == null) {
                    continue;
                }
                TermsEnum te = leaf.reader().terms(field).iterator();
                te.seekExact(term.bytes(), state);
                PostingsEnum postings = te.postings(null, PostingsEnum.FREQS);
                NumericDocValues norms = leaf.reader().getNormValues(field);
                for (int d = from; d < next; d++) {
                    int target = docs[d] - leaf.docBase;
                    int at = postings.docID() >= target ? postings.docID() : postings.advance(target);
                    if (at == DocIdSetIterator.NO_MORE_DOCS) {
                        break;
                    }
                    if (at == target) {
                        long norm = norms != null && norms.advanceExact(target) ? norms.longValue() : 1L;
                        scores[d] += scorer.score(postings.freq(), norm);
                        found[d] |= 1L << t;
                    }
                }
            }
        }
        return scores;
    }

    private static Query within(Query query, Query filter) {
        return new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
    }

    /**
     * Pseudo-relevance feedback on the work-programme structure: the best {@value #FEEDBACK_CALLS} calls say which
     * programme areas the profile is about, and every candidate in the same area (same cluster, destination, call
     * number; years skipped) gains in proportion to their scores and to how much of the identifier it shares. A
     * profile listing a member's past projects matches those past topics best; the calls it takes next tend to lie
     * in the same destinations. Re-scores {@code ranked} in place; answers, per boosted call, the area it shares with another of the best.
     */
    static Map<Integer, String> areaFeedback(List<Map.Entry<Integer, Double>> ranked, Map<Integer, String> ids) {
        int k = Math.min(FEEDBACK_CALLS, ranked.size());
        List<List<String>> feedback = new ArrayList<>(k);
        double[] weights = new double[k];
        for (int i = 0; i < k; i++) {
            feedback.add(TopicCodes.segments(ids.get(ranked.get(i).getKey())));
            weights[i] = ranked.get(i).getValue();
        }
        Map<Integer, String> areas = new HashMap<>();
        for (Map.Entry<Integer, Double> e : ranked) {
            List<String> segments = TopicCodes.segments(ids.get(e.getKey()));
            double bonus = 0;
            int deepest = 0;
            for (int i = 0; i < k; i++) {
                int shared = TopicCodes.shared(segments, feedback.get(i));
                if (shared >= 2) {
                    bonus += weights[i] * Math.min(shared, AREA_DEPTH) / (double) AREA_DEPTH;
                    if (!ranked.get(i).getKey().equals(e.getKey())) { // the reason names what it shares with others
                        deepest = Math.max(deepest, Math.min(shared, AREA_DEPTH));
                    }
                }
            }
            if (bonus > 0) {
                e.setValue(e.getValue() + AREA_WEIGHT * bonus / k);
                if (deepest > 0) {
                    areas.put(e.getKey(), TopicCodes.prefix(segments, deepest));
                }
            }
        }
        return areas;
    }

    private static double[] nanRow(int size) {
        double[] row = new double[size];
        java.util.Arrays.fill(row, Double.NaN);
        return row;
    }

    private static boolean hasVectors(IndexReader reader) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            if (leaf.reader().getFloatVectorValues(CALL_VECTOR) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The semantic score of every candidate, from the stored vectors: the cosine with the profile, blended with the
     * best cosine of its sentences when it has several.
     */
    private static void dense(IndexReader reader, float[] vector, List<float[]> parts,
                              Map<Integer, double[]> candidates) throws IOException {
        List<Integer> missing = candidates.keySet().stream().sorted().toList();
        List<LeafReaderContext> leaves = reader.leaves();
        FloatVectorValues values = null;
        int leafIndex = -1;
        for (int doc : missing) {
            int li = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(li);
            if (li != leafIndex) {
                values = leaf.reader().getFloatVectorValues(CALL_VECTOR);
                leafIndex = li;
            }
            if (values == null) {
                continue;
            }
            int target = doc - leaf.docBase;
            int at = values.docID() >= target ? values.docID() : values.advance(target);
            if (at == target) {
                float[] v = values.vectorValue();
                double cos = TextEmbedder.cosine(v, vector);
                if (!parts.isEmpty()) {
                    double best = -1;
                    for (float[] part : parts) {
                        best = Math.max(best, TextEmbedder.cosine(v, part));
                    }
                    cos = (1 - BEST_PART_WEIGHT) * cos + BEST_PART_WEIGHT * best;
                }
                candidates.get(doc)[0] = cos;
            }
        }
    }

    /** The hard filters as one query (match-all when there are none). */
    static Query filter(CallMatchQuery query) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST);
        terms(filter, STATUS, query.statuses());
        terms(filter, PROGRAMME, query.programmes());
        terms(filter, ACTION_TYPE, query.actionTypes());
        if (query.deadlineAfter() != null) {
            Query noDeadline = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST)
                    .add(new FieldExistsQuery(DEADLINE), Occur.MUST_NOT).build();
            filter.add(new BooleanQuery.Builder()
                    .add(LongField.newRangeQuery(DEADLINE, query.deadlineAfter().toEpochDay(), Long.MAX_VALUE),
                            Occur.SHOULD)
                    .add(noDeadline, Occur.SHOULD).build(), Occur.FILTER);
        }
        return filter.build();
    }

    private static void terms(BooleanQuery.Builder filter, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            filter.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
    }

    /**
     * The profile's most distinctive terms with their query weight 1 + ln(tf): a long profile repeats what it is
     * about, and its rare words say more than its common ones.
     */
    static Map<String, Float> keyTerms(IndexReader reader, CallMatchQuery query) throws IOException {
        Map<String, Integer> tf = new HashMap<>();
        analyze(query.text(), 1, tf);
        if (query.keywords() != null) {
            query.keywords().forEach(k -> analyze(k, KEYWORD_TF, tf));
        }
        int n = Math.max(1, reader.numDocs());
        Map<String, Integer> dfs = docFreqs(reader, tf.keySet());
        Map<String, Double> rank = new HashMap<>();
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            int df = dfs.getOrDefault(e.getKey(), 0);
            if (df == 0) {
                continue; // no call has it: it cannot match
            }
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            rank.put(e.getKey(), (1 + Math.log(e.getValue())) * idf);
        }
        Map<String, Float> terms = new LinkedHashMap<>();
        rank.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(KEY_TERMS)
                .forEach(e -> terms.put(e.getKey(), (float) (1 + Math.log(tf.get(e.getKey())))));
        return terms;
    }

    /**
     * Per term, its largest document frequency over the lexical fields. Looked up once per term and index version
     * (profiles share most of their vocabulary), with one terms enumeration per segment and field, sought in term
     * order: a long profile has hundreds of terms, and looking each up afresh costs more than the search itself.
     */
    private static Map<String, Integer> docFreqs(IndexReader reader, java.util.Set<String> terms) throws IOException {
        DocFreqCache cache = cache(reader);
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
        for (String field : FIELD_WEIGHTS.keySet()) {
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
    private record DocFreqCache(Object version, Map<String, Integer> dfs, Map<Term, TermStates> states,
                                Map<Query, DocSetQuery> filters) {
    }

    private static DocFreqCache cache(IndexReader reader) {
        Object version = reader.getReaderCacheHelper() == null ? reader : reader.getReaderCacheHelper().getKey();
        DocFreqCache cache = docFreqCache;
        if (cache == null || cache.version() != version || cache.dfs().size() > MAX_CACHED_TERMS) {
            cache = new DocFreqCache(version, new java.util.concurrent.ConcurrentHashMap<>(),
                    new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>());
            docFreqCache = cache;
        }
        return cache;
    }

    /** The documents {@code filter} lets through, kept per index version for the few filters requests use. */
    private static DocSetQuery filterDocs(IndexSearcher searcher, Query filter) throws IOException {
        DocFreqCache cache = cache(searcher.getIndexReader());
        DocSetQuery docs = cache.filters().get(filter);
        if (docs == null) {
            docs = DocSetQuery.of(searcher, filter);
            if (cache.filters().size() < MAX_CACHED_FILTERS) {
                cache.filters().put(filter, docs);
            }
        }
        return docs;
    }

    private static final int MAX_CACHED_TERMS = 200_000;
    /** Where a key term is in each segment, per field: a few hundred bytes each. */
    private static final int MAX_CACHED_STATES = 20_000;
    /** Filters (a bit per call each): a day's requests use a handful. */
    private static final int MAX_CACHED_FILTERS = 64;
    private static volatile DocFreqCache docFreqCache;

    /**
     * Where {@code term} is in each segment, kept per index version like the document frequencies: key terms recur
     * from one profile to the next, and looking them up in four fields' term dictionaries costs a fifth of a ranking.
     */
    private static TermStates termStates(IndexSearcher searcher, Term term) throws IOException {
        DocFreqCache cache = cache(searcher.getIndexReader());
        TermStates states = cache.states().get(term);
        if (states == null || !states.wasBuiltFor(searcher.getTopReaderContext())) {
            states = TermStates.build(searcher, term, true);
            if (cache.states().size() < MAX_CACHED_STATES) {
                cache.states().put(term, states);
            }
        }
        return states;
    }

    private static void analyze(String text, int count, Map<String, Integer> tf) {
        if (text == null || text.isBlank()) {
            return;
        }
        try (TokenStream tokens = Analyzers.PER_FIELD.tokenStream(TITLE, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String t = term.toString();
                if (t.length() > 1) {
                    tf.merge(t, count, Integer::sum);
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Per document, per field, which of the terms it contains: the reasons a call matched. The fields the candidates
     * were scored on already say it ({@code found}, a bit per term for each of {@code candidates}); the searched
     * ones are read from the postings.
     */
    private static Map<Integer, Map<String, List<String>>> matchedTerms(IndexSearcher searcher, List<Integer> docs,
                                                                        java.util.Set<String> terms,
                                                                        List<String> searched, int[] candidates,
                                                                        Map<String, long[]> found) throws IOException {
        Map<Integer, Map<String, List<String>>> read = postingsMatches(searcher, docs, terms, searched);
        List<String> inOrder = List.copyOf(terms);
        List<String> sortedTerms = terms.stream().sorted().toList();
        long[] bits = sortedTerms.stream().mapToLong(term -> 1L << inOrder.indexOf(term)).toArray();
        Map<Integer, Map<String, List<String>>> matched = new HashMap<>();
        for (int doc : docs) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (String field : FIELD_WEIGHTS.keySet()) {
                List<String> hits;
                if (found.containsKey(field)) {
                    long has = found.get(field)[java.util.Arrays.binarySearch(candidates, doc)];
                    hits = new ArrayList<>();
                    for (int i = 0; i < bits.length; i++) {
                        if ((has & bits[i]) != 0) {
                            hits.add(sortedTerms.get(i));
                        }
                    }
                } else {
                    hits = read.getOrDefault(doc, Map.of()).getOrDefault(field, List.of());
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

    /** Per document, per field (of {@code fields}), which of the terms it contains, read from the postings. */
    private static Map<Integer, Map<String, List<String>>> postingsMatches(IndexSearcher searcher, List<Integer> docs,
                                                                           java.util.Set<String> terms,
                                                                           List<String> fields) throws IOException {
        Map<Integer, Map<String, List<String>>> matched = new HashMap<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<Integer> sorted = docs.stream().sorted().toList();
        List<String> sortedTerms = terms.stream().sorted().toList();
        for (LeafReaderContext leaf : leaves) {
            List<Integer> inLeaf = sorted.stream()
                    .filter(d -> d >= leaf.docBase && d < leaf.docBase + leaf.reader().maxDoc()).toList();
            if (inLeaf.isEmpty()) {
                continue;
            }
            for (String field : fields) {
                Terms fieldTerms = leaf.reader().terms(field);
                if (fieldTerms == null) {
                    continue;
                }
                TermsEnum te = fieldTerms.iterator();
                PostingsEnum postings = null;
                for (String term : sortedTerms) {
                    Term t = new Term(field, term);
                    org.apache.lucene.index.TermState state = termStates(searcher, t).get(leaf);
                    if (state == null) {
                        continue;
                    }
                    te.seekExact(t.bytes(), state);
                    postings = te.postings(postings, PostingsEnum.NONE);
                    for (int doc : inLeaf) {
                        int target = doc - leaf.docBase;
                        int at = postings.docID() >= target ? postings.docID() : postings.advance(target);
                        if (at == target) {
                            matched.computeIfAbsent(doc, d -> new LinkedHashMap<>())
                                    .computeIfAbsent(field, x -> new ArrayList<>()).add(term);
                        }
                    }
                }
            }
        }
        return matched;
    }

    /** The ids of the documents, from their segments' tables. */
    private static Map<Integer, String> ids(IndexReader reader, java.util.Set<Integer> docs) throws IOException {
        Map<Integer, String> ids = new HashMap<>(docs.size() * 2);
        List<LeafReaderContext> leaves = reader.leaves();
        for (int doc : docs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            String id = segmentIds(leaf.reader())[doc - leaf.docBase];
            if (id == null) {
                throw new IllegalStateException("document " + doc + " has no id");
            }
            ids.put(doc, id);
        }
        return ids;
    }

    /** Per segment (its core, which deletions do not change), the id of each document. */
    private static final Map<IndexReader.CacheKey, String[]> SEGMENT_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The id of every document of a segment, read once in term order and dropped when the segment closes: a
     * ranking needs the ids of all its candidates (several hundred) for the area feedback, and looking each up in
     * the doc values decompresses a block of them.
     */
    private static String[] segmentIds(LeafReader segment) throws IOException {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        String[] ids = helper == null ? null : SEGMENT_IDS.get(helper.getKey());
        if (ids == null) {
            ids = new String[segment.maxDoc()];
            SortedDocValues values = DocValues.getSorted(segment, ID);
            String[] byOrd = new String[values.getValueCount()];
            TermsEnum terms = values.termsEnum();
            for (int ord = 0; terms.next() != null; ord++) {
                byOrd[ord] = terms.term().utf8ToString();
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                ids[doc] = byOrd[values.ordValue()];
            }
            // the searcher holds the segment open: it cannot close before its listener is added
            if (helper != null && SEGMENT_IDS.putIfAbsent(helper.getKey(), ids) == null) {
                helper.addClosedListener(SEGMENT_IDS::remove);
            }
        }
        return ids;
    }

    private static Map<String, Double> orderedWeights(Object... fieldsAndWeights) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndWeights.length; i += 2) {
            map.put((String) fieldsAndWeights[i], (Double) fieldsAndWeights[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
