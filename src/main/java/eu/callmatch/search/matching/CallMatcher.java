package eu.callmatch.search.matching;

import eu.callmatch.search.index.Analyzers;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.service.SearchIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.lucene.analysis.Analyzer;
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
import java.util.concurrent.CompletableFuture;

import static eu.callmatch.search.index.SearchFields.*;

/**
 * Ranks calls for a profile of any length. The candidates are the title's best calls for the profile's key terms,
 * the profile vector's nearest (without vectors, every field's best calls) and the calls in the areas of a member's
 * own EU record; each gets the features of {@link CallRanker}: semantic similarity of the profile's and the call's
 * embeddings (min-max normalised over the candidates, and raw), a BM25 per field divided by that field's best score
 * among the candidates (so a long field, a few calls have 20-page descriptions, cannot swamp the short ones), the
 * work-programme area it shares with the other best calls, and what the member's record says of it. The ranker's
 * weighted sum orders them.
 */
@ApplicationScoped
public class CallMatcher {

    /** The profile's terms that are searched: the most distinctive ones (at most 64: a bit each in a long). */
    static final int KEY_TERMS = 48;
    /** The lexical fields, each scored on its own, in the order of their features in {@link CallRanker}. */
    static final List<String> FIELDS = List.of(TITLE, KEYWORDS, DESTINATION, DESCRIPTION);
    /** With a profile of several sentences, the share of the best sentence's cosine in the semantic score. */
    static final double BEST_PART_WEIGHT = 0.5;
    /** A keyword the profile gives counts like a word written this many times. */
    static final int KEYWORD_TF = 3;
    /** How many of the best calls are read for the profile's programme areas. */
    static final int FEEDBACK_CALLS = 5;

    /** The result: the best matches, and how many calls passed the filters. */
    public record Result(List<CallMatch> matches, long total) {
    }

    private final SearchIndexes indexes;
    private final CallRanker ranker;
    private final Dictionaries dictionaries;

    CallMatcher(SearchIndexes indexes,
                @ConfigProperty(name = "callmatch.matching.learned-ranking", defaultValue = "true") boolean learned,
                @ConfigProperty(name = "callmatch.matching.dictionaries-dir", defaultValue = "/usr/share/dictd")
                String dictionariesDir,
                @ConfigProperty(name = "callmatch.matching.apertium-dir", defaultValue = "/usr/share/apertium")
                String apertiumDir) {
        this.indexes = indexes;
        this.ranker = learned ? CallRanker.learned() : CallRanker.UNLEARNED;
        this.dictionaries = new Dictionaries(java.nio.file.Path.of(dictionariesDir), java.nio.file.Path.of(apertiumDir));
        dictionaries.logMissing();
    }

    public Result match(CallMatchQuery query, int limit) {
        return match(query, null, limit);
    }

    /**
     * As {@link #match(CallMatchQuery, int)}, with the profile's vectors still being computed: the profile's words are
     * searched meanwhile, and {@code query}'s vectors are those {@code vectors} gives.
     */
    public Result match(CallMatchQuery query, CompletableFuture<TextEmbedder.Vectors> vectors, int limit) {
        return match(indexes.index(IndexKind.CALLS), query, vectors, limit, ranker, dictionaries);
    }

    /** Matches over the given calls index (the service's, or a benchmark's) with the learned ranking. */
    public static Result match(LuceneIndex calls, CallMatchQuery query, int limit) {
        return match(calls, query, limit, CallRanker.learned());
    }

    /** Matches over the given calls index with the given ranking, without dictionaries. */
    public static Result match(LuceneIndex calls, CallMatchQuery query, int limit, CallRanker ranker) {
        return match(calls, query, limit, ranker, Dictionaries.NONE);
    }

    /** Matches over the given calls index with the given ranking, a non-English profile's words also translated. */
    public static Result match(LuceneIndex calls, CallMatchQuery query, int limit, CallRanker ranker,
                               Dictionaries dictionaries) {
        return match(calls, query, null, limit, ranker, dictionaries);
    }

    /** As {@link #match(CallMatchQuery, CompletableFuture, int)}, over the given calls index with the given ranking. */
    static Result match(LuceneIndex calls, CallMatchQuery query, CompletableFuture<TextEmbedder.Vectors> vectors,
                        int limit, CallRanker ranker, Dictionaries dictionaries) {
        return calls.withSearcher(searcher -> {
            try {
                return match(searcher, query, vectors, limit, ranker, dictionaries);
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

    /** The document of the call with this identifier, or -1. */
    private static int docOf(IndexSearcher searcher, String identifier) throws IOException {
        TopDocs hit = searcher.search(new TermQuery(new Term(ID, identifier)), 1);
        return hit.scoreDocs.length == 0 ? -1 : hit.scoreDocs[0].doc;
    }

    private static float[] storedVector(IndexSearcher searcher, String identifier) throws IOException {
        int doc = docOf(searcher, identifier);
        if (doc < 0) {
            return null;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(CALL_VECTOR);
        if (values == null || values.advance(doc - leaf.docBase) != doc - leaf.docBase) {
            return null;
        }
        return values.vectorValue().clone();
    }

    private static Result match(IndexSearcher searcher, CallMatchQuery query,
                                CompletableFuture<TextEmbedder.Vectors> vectors, int limit, CallRanker ranker,
                                Dictionaries dictionaries) throws IOException {
        Scoring scoring = candidates(searcher, query, vectors, limit, dictionaries);
        int[] docs = scoring.docs();
        Map<Integer, String[]> byDoc = ids(searcher.getIndexReader(), scoring.rows().keySet());
        String[] ids = new String[docs.length];
        double[][] features = new double[docs.length][];
        double[] semantic = new double[docs.length];
        CallMatch.RecordEvidence[] evidence = new CallMatch.RecordEvidence[docs.length];
        features(scoring.rows(), docs, byDoc, query.record(), ownActions(searcher, query.record()), ids, features,
                semantic, evidence);
        boolean dense = java.util.Arrays.stream(semantic).anyMatch(c -> !Double.isNaN(c));
        // learned weights were learned with the profile's cosine to every candidate; without any (embeddings off, or
        // every candidate's vector still being computed) the hand-set fusion ranks them by their words
        CallRanker used = dense ? ranker : CallRanker.UNLEARNED;
        String[] areas = area(ids, features, used);
        double[] scores = new double[docs.length];
        for (int i = 0; i < docs.length; i++) {
            scores[i] = used.score(features[i], true);
        }
        List<Integer> order = best(scores, Comparator.comparingInt(i -> docs[i]));
        List<Integer> top = order.subList(0, Math.min(limit, order.size()));
        Map<Integer, Map<String, List<String>>> matched = matchedTerms(
                top.stream().map(i -> docs[i]).toList(), scoring.terms().keySet(), docs, scoring.found());
        List<CallMatch> matches = new ArrayList<>(top.size());
        boolean record = query.record() != null && !query.record().isEmpty();
        for (int i : top) {
            Map<String, List<String>> terms = matched.getOrDefault(docs[i], Map.of());
            matches.add(new CallMatch(ids[i], used.display(scores[i], dense, record), semantic[i], terms, areas[i],
                    evidence[i], translations(terms, scoring.translations())));
        }
        return new Result(matches, scoring.total());
    }

    /**
     * A ranking's candidates before they are scored.
     *
     * @param rows     per candidate document, the raw cosine and each lexical field's score over the field's best (NaN:
     *                 none)
     * @param docs     the candidate documents, in order
     * @param found    per field, which key terms each candidate has (a bit each)
     */
    private record Scoring(long total, Map<String, Float> terms, Map<Integer, double[]> rows, int[] docs,
                           Map<String, long[]> found, Map<String, CallMatch.Translation> translations) {
    }

    /** Of a call's matched terms, those a dictionary gave, with the member's words they translate. */
    private static Map<String, CallMatch.Translation> translations(Map<String, List<String>> matched,
                                                                   Map<String, CallMatch.Translation> all) {
        Map<String, CallMatch.Translation> used = new HashMap<>();
        matched.values().forEach(terms -> terms.stream().filter(all::containsKey)
                .forEach(term -> used.put(term, all.get(term))));
        return used;
    }

    /**
     * @param vectors the profile's vectors, still being computed (null: the query has them): the words are searched
     *                meanwhile
     */
    private static Scoring candidates(IndexSearcher searcher, CallMatchQuery query,
                                      CompletableFuture<TextEmbedder.Vectors> vectors, int limit,
                                      Dictionaries dictionaries) throws IOException {
        // evaluated once: a dozen searches below take it as a filter
        DocSetQuery filter = filterDocs(searcher, filter(query));
        long total = filter.count();
        KeyTerms key = keyTerms(searcher.getIndexReader(), query, dictionaries);
        Map<String, Float> terms = key.weights();
        int k = Math.max(query.candidates(), limit);

        Map<Integer, double[]> candidates = new HashMap<>(); // doc -> [dense, field scores...]
        int fields = FIELDS.size();
        List<String> fieldNames = FIELDS;
        // the index's vectors are looked for once, and only for a profile that has or will have its own
        boolean vectorsExpected = (query.vector() != null || vectors != null) && hasVectors(searcher.getIndexReader());
        // the candidates: the title's best calls and the vectors' nearest; without vectors, every field's best calls
        List<String> searched = vectorsExpected ? List.of(TITLE) : fieldNames;
        bestPerField(searcher, searched, terms, filter, k, candidates);
        if (vectors != null) {
            TextEmbedder.Vectors profile = await(vectors);
            query = query.withVectors(profile.text(), profile.sentences());
        }
        boolean dense = query.vector() != null && vectorsExpected;
        if (vectorsExpected && !dense) { // none after all: every field's best calls, as without vectors
            bestPerField(searcher, fieldNames.stream().filter(f -> !searched.contains(f)).toList(), terms, filter, k,
                    candidates);
        }
        if (dense) {
            // the profile's nearest calls; its sentences only score the candidates: read within the profile, their
            // vectors lie near its own, and a vector search costs more the more neighbours it is asked for
            int kv = Math.max(limit, k / 2);
            for (ScoreDoc sd : searcher.search(new KnnFloatVectorQuery(CALL_VECTOR, query.vector(), kv, filter), kv)
                    .scoreDocs) {
                candidates.computeIfAbsent(sd.doc, d -> nanRow(fields + 1));
            }
            // calls whose vector is still being computed cannot be the vectors' nearest: every field brings its best
            // of them, as it would without vectors
            DocSetQuery vectorless = filterDocs(searcher, withoutVector(filter(query)));
            for (int f = 1; f <= fields && !terms.isEmpty() && vectorless.count() > 0; f++) {
                for (ScoreDoc sd : searcher.search(within(fieldQuery(searcher, fieldNames.get(f - 1), terms), vectorless),
                        new TopScoreDocCollectorManager(kv, null, kv)).scoreDocs) {
                    candidates.computeIfAbsent(sd.doc, d -> nanRow(fields + 1));
                }
            }
        }
        recordCandidates(searcher, query, filter, candidates, fields + 1);
        if (dense) {
            dense(searcher.getIndexReader(), query.vector(), query.parts(), candidates);
        }
        // every field scores every candidate, each against the best candidate: a call brought by its vector or by
        // the member's record has its title's score too. Searched for their own best calls, the minor fields would
        // cost more than all the rest of the ranking (a long description's postings).
        int[] docs = candidates.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        Map<String, long[]> found = new HashMap<>(); // per field and candidate, which key terms it has (a bit each)
        if (!terms.isEmpty() && !candidates.isEmpty()) {
            for (int f = 1; f <= fields; f++) {
                String field = fieldNames.get(f - 1);
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
        return new Scoring(total, terms, candidates, docs, found, key.translations());
    }

    /** Each of {@code searched}'s best {@code k} calls for the key terms, with its score over the field's best. */
    private static void bestPerField(IndexSearcher searcher, List<String> searched, Map<String, Float> terms,
                                     DocSetQuery filter, int k, Map<Integer, double[]> candidates) throws IOException {
        int fields = FIELDS.size();
        for (int f = 1; f <= fields && !terms.isEmpty(); f++) {
            if (!searched.contains(FIELDS.get(f - 1))) {
                continue;
            }
            // no total hit count is needed: the search may skip calls that cannot reach its best k from the start
            ScoreDoc[] top = searcher.search(within(fieldQuery(searcher, FIELDS.get(f - 1), terms), filter),
                    new TopScoreDocCollectorManager(k, null, k)).scoreDocs;
            double max = top.length == 0 ? 1 : top[0].score;
            for (ScoreDoc sd : top) {
                candidates.computeIfAbsent(sd.doc, d -> nanRow(fields + 1))[f] = sd.score / max;
            }
        }
    }

    /** The profile's vectors, once they are computed; a failure to compute them as it was thrown. */
    private static TextEmbedder.Vectors await(CompletableFuture<TextEmbedder.Vectors> vectors) {
        try {
            return vectors.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the profile was being embedded", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * A member's record brings its own candidates: the calls in the work-programme areas (programme, cluster,
     * destination) of its own projects and of the {@value #PARTNER_AREAS} areas where its partners took part most.
     * A member's next call often lies there without sharing its words with the profile's text. Where they are more
     * than {@value #MAX_RECORD_CANDIDATES}, the closest in meaning to the profile are taken (without vectors: its own
     * areas first, then its partners' by participations).
     */
    private static void recordCandidates(IndexSearcher searcher, CallMatchQuery query, DocSetQuery filter,
                                         Map<Integer, double[]> candidates, int rowSize) throws IOException {
        MemberRecord record = query.record();
        if (record == null || record.isEmpty()) {
            return;
        }
        Map<String, Integer> weight = new HashMap<>(); // own areas before any partner's, then by participations
        Map<String, Integer> partnerAreas = new HashMap<>();
        record.partners().stream().map(p -> areaKey(p.topic())).filter(java.util.Objects::nonNull)
                .forEach(area -> partnerAreas.merge(area, 1, Integer::sum));
        partnerAreas.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(PARTNER_AREAS).forEach(e -> weight.put(e.getKey(), e.getValue()));
        record.own().stream().map(p -> areaKey(p.topic())).filter(java.util.Objects::nonNull)
                .forEach(area -> weight.merge(area, OWN_AREA_WEIGHT, Integer::sum));
        List<Integer> pooled = new ArrayList<>(); // in document order
        List<Integer> pooledWeight = new ArrayList<>(); // each one's area's weight
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            String[] keys = segmentAreas(leaf.reader());
            for (int doc = 0; doc < keys.length; doc++) {
                Integer w = keys[doc] == null ? null : weight.get(keys[doc]);
                if (w != null && filter.contains(leaf.ord, doc) && !candidates.containsKey(leaf.docBase + doc)) {
                    pooled.add(leaf.docBase + doc);
                    pooledWeight.add(w);
                }
            }
        }
        if (pooled.size() <= MAX_RECORD_CANDIDATES) {
            pooled.forEach(doc -> candidates.put(doc, nanRow(rowSize)));
            return;
        }
        double[] key = new double[pooled.size()];
        if (query.vector() != null) {
            double[] cosines = cosines(searcher.getIndexReader(), query.vector(), query.parts(),
                    pooled.stream().mapToInt(Integer::intValue).toArray());
            for (int i = 0; i < key.length; i++) {
                key[i] = Double.isNaN(cosines[i]) ? -2 : cosines[i];
            }
        } else {
            for (int i = 0; i < key.length; i++) {
                key[i] = pooledWeight.get(i);
            }
        }
        // between equals, document order (pooled is in it)
        for (int i : best(key, Comparator.naturalOrder()).subList(0, MAX_RECORD_CANDIDATES)) {
            candidates.put(pooled.get(i), nanRow(rowSize));
        }
    }

    /** How many of the partners' most frequent areas bring candidates, and how many candidates the record brings. */
    static final int PARTNER_AREAS = 20;
    static final int MAX_RECORD_CANDIDATES = 300;
    /** An area of the member's own projects counts as this many of its partners' participations there. */
    static final int OWN_AREA_WEIGHT = 1_000_000;

    /** A topic's area: its first {@value RecordFeatures#DEPTH} segments (years skipped), or null for fewer. */
    static String areaKey(String identifier) {
        List<String> segments = TopicCodes.segments(identifier);
        return segments.size() <= RecordFeatures.DEPTH ? null : TopicCodes.prefix(segments, RecordFeatures.DEPTH);
    }

    /** The candidates' indexes, best score first, then in the order of {@code ties}. */
    private static List<Integer> best(double[] scores, Comparator<Integer> ties) {
        List<Integer> order = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(ties));
        return order;
    }

    /**
     * The features of {@link CallRanker#FEATURES} of every candidate but {@link CallRanker#AREA}, which depends on
     * the others' scores: {@code rows} holds, per document, the raw cosine and the fields' scores (NaN: none).
     */
    private static void features(Map<Integer, double[]> rows, int[] docs, Map<Integer, String[]> byDoc,
                                 MemberRecord record, Map<String, String> ownActions, String[] ids,
                                 double[][] features, double[] semantic, CallMatch.RecordEvidence[] evidence) {
        double minDense = Double.MAX_VALUE;
        double maxDense = -Double.MAX_VALUE;
        double sumDense = 0;
        int withDense = 0;
        for (double[] row : rows.values()) {
            if (!Double.isNaN(row[0])) {
                minDense = Math.min(minDense, row[0]);
                maxDense = Math.max(maxDense, row[0]);
                sumDense += row[0];
                withDense++;
            }
        }
        // a call whose vector is still being computed is taken as neither close nor far in meaning: the candidates'
        // average, so that its words and record rank it among the others rather than below every call with a vector
        double neutral = withDense == 0 ? Double.NaN : sumDense / withDense;
        RecordFeatures fromRecord = record == null || record.isEmpty() ? null : new RecordFeatures(record, ownActions);
        for (int i = 0; i < docs.length; i++) {
            double[] row = rows.get(docs[i]);
            double[] x = new double[CallRanker.FEATURES.size()];
            semantic[i] = row[0];
            double cosine = Double.isNaN(row[0]) ? neutral : row[0];
            if (!Double.isNaN(cosine)) {
                x[CallRanker.DENSE] = maxDense > minDense ? (cosine - minDense) / (maxDense - minDense) : 1;
                x[CallRanker.COSINE] = cosine;
            }
            for (int f = 1; f < row.length; f++) {
                x[CallRanker.TITLE + f - 1] = Double.isNaN(row[f]) ? 0 : row[f];
            }
            ids[i] = byDoc.get(docs[i])[0];
            String action = byDoc.get(docs[i])[1];
            String kind = actionKind(action);
            x[CallRanker.RESEARCH] = "RIA".equals(kind) ? 1 : 0;
            x[CallRanker.INNOVATION] = "IA".equals(kind) ? 1 : 0;
            x[CallRanker.COORDINATION] = "CSA".equals(kind) ? 1 : 0;
            if (fromRecord != null) {
                evidence[i] = fromRecord.score(ids[i], TopicCodes.segments(ids[i]), x);
                x[CallRanker.OWN_ACTION] = fromRecord.ownAction(action);
            }
            features[i] = x;
        }
    }

    /** The features of a ranking's candidates, for learning their weights: ids and rows, without the area. */
    public record Features(String[] ids, double[][] rows) {
    }

    /** The candidates of {@code query} over the given calls index and their features, {@link CallRanker#AREA} 0. */
    public static Features features(LuceneIndex calls, CallMatchQuery query) {
        return calls.withSearcher(searcher -> {
            try {
                Scoring scoring = candidates(searcher, query, null, 0, Dictionaries.NONE);
                String[] ids = new String[scoring.docs().length];
                double[][] rows = new double[scoring.docs().length][];
                features(scoring.rows(), scoring.docs(), ids(searcher.getIndexReader(), scoring.rows().keySet()),
                        query.record(), ownActions(searcher, query.record()), ids, rows, new double[ids.length], new CallMatch.RecordEvidence[ids.length]);
                return new Features(ids, rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The key terms, weighted, in one field. */
    private static Query fieldQuery(IndexSearcher searcher, String field, Map<String, Float> terms) throws IOException {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        TermStates[] states = termStates(searcher, field, terms.keySet());
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
    private static float[] fieldScores(IndexSearcher searcher, String field, Map<String, Float> terms, int[] docs,
                                       long[] found) throws IOException {
        float[] scores = new float[docs.length];
        CollectionStatistics collection = searcher.collectionStatistics(field);
        if (collection == null) {
            return scores;
        }
        // per term: its statistics and scorer once for the whole index (null: no call has it)
        Term[] keys = new Term[terms.size()];
        TermStates[] states = termStates(searcher, field, terms.keySet());
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

    private static Query within(Query query, Query filter) {
        return new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
    }

    /**
     * Pseudo-relevance feedback on the work-programme structure: the {@value #FEEDBACK_CALLS} best calls by the other
     * features say which programme areas the profile is about; each candidate's {@link CallRanker#AREA} feature is
     * how much of its path (programme, cluster, destination; years skipped) it shares with the others of them, on
     * average. A profile listing a member's past projects matches those past topics best; the calls it takes next
     * tend to lie in the same destinations. Answers, per candidate, the deepest area it shares with another of the
     * best, or null.
     */
    public static String[] area(String[] ids, double[][] features, CallRanker ranker) {
        double[] first = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            first[i] = ranker.score(features[i], false);
        }
        List<Integer> order = best(first, Comparator.comparing(i -> ids[i]));
        int k = Math.min(FEEDBACK_CALLS, ids.length);
        List<List<String>> feedback = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            feedback.add(TopicCodes.segments(ids[order.get(j)]));
        }
        String[] areas = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            List<String> segments = TopicCodes.segments(ids[i]);
            double sum = 0;
            int deepest = 0;
            for (int j = 0; j < k; j++) {
                if (order.get(j) == i) {
                    continue; // sharing an area with itself is no evidence
                }
                int shared = TopicCodes.shared(segments, feedback.get(j));
                sum += RecordFeatures.depth(shared);
                if (shared >= 2) {
                    deepest = Math.max(deepest, Math.min(shared, RecordFeatures.DEPTH));
                }
            }
            features[i][CallRanker.AREA] = k == 0 ? 0 : sum / k;
            areas[i] = deepest > 0 ? TopicCodes.prefix(segments, deepest) : null;
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
        int[] docs = candidates.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] cosines = cosines(reader, vector, parts, docs);
        for (int i = 0; i < docs.length; i++) {
            candidates.get(docs[i])[0] = cosines[i];
        }
    }

    /**
     * The profile's cosine with each document's vector (sorted documents; NaN without one); with sentences, blended
     * with the best sentence's.
     */
    private static double[] cosines(IndexReader reader, float[] vector, List<float[]> parts, int[] docs)
            throws IOException {
        double[] out = new double[docs.length];
        java.util.Arrays.fill(out, Double.NaN);
        List<LeafReaderContext> leaves = reader.leaves();
        FloatVectorValues values = null;
        int leafIndex = -1;
        for (int i = 0; i < docs.length; i++) {
            int li = ReaderUtil.subIndex(docs[i], leaves);
            LeafReaderContext leaf = leaves.get(li);
            if (li != leafIndex) {
                values = leaf.reader().getFloatVectorValues(CALL_VECTOR);
                leafIndex = li;
            }
            if (values == null) {
                continue;
            }
            int target = docs[i] - leaf.docBase;
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
                out[i] = cos;
            }
        }
        return out;
    }

    /** The hard filters as one query (match-all when there are none). */
    private static Query withoutVector(Query filter) {
        return new BooleanQuery.Builder().add(filter, Occur.MUST)
                .add(new FieldExistsQuery(CALL_VECTOR), Occur.MUST_NOT).build();
    }

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
     * The profile's key terms with their query weights, and of them those a dictionary gave, with the member's
     * words they translate.
     */
    record KeyTerms(Map<String, Float> weights, Map<String, CallMatch.Translation> translations) {
    }

    /**
     * The profile's most distinctive terms with their query weight 1 + ln(tf): a long profile repeats what it is
     * about, and its rare words say more than its common ones. A non-English profile's words also count in their
     * dictionary translations ({@link ProfileTranslations}); a term both its English form and a translation give
     * counts the larger of the two, not their sum, and a count below 1 (a share of a word's translations) is its
     * weight as it is.
     */
    static KeyTerms keyTerms(IndexReader reader, CallMatchQuery query, Dictionaries dictionaries) throws IOException {
        Map<String, Integer> tf = new HashMap<>();
        Analyzer analyzer = Analyzers.profileText(query.language());
        analyze(analyzer, query.text(), 1, tf);
        if (query.keywords() != null) {
            query.keywords().forEach(k -> analyze(analyzer, k, KEYWORD_TF, tf));
        }
        ProfileTranslations.Terms translated = translate(reader, query, dictionaries);
        Map<String, Double> counts = new HashMap<>(translated.counts());
        tf.forEach((term, count) -> counts.merge(term, (double) count, Math::max));
        int n = Math.max(1, reader.numDocs());
        Map<String, Integer> dfs = docFreqs(reader, counts.keySet());
        Map<String, Double> rank = new HashMap<>();
        for (Map.Entry<String, Double> e : counts.entrySet()) {
            int df = dfs.getOrDefault(e.getKey(), 0);
            if (df == 0) {
                continue; // no call has it: it cannot match
            }
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            rank.put(e.getKey(), termWeight(e.getValue()) * idf);
        }
        Map<String, Float> terms = new LinkedHashMap<>();
        rank.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(KEY_TERMS)
                .forEach(e -> terms.put(e.getKey(), (float) termWeight(counts.get(e.getKey()))));
        Map<String, CallMatch.Translation> pairs = new HashMap<>();
        translated.pairs().forEach((term, pair) -> {
            if (terms.containsKey(term)) {
                pairs.put(term, pair);
            }
        });
        return new KeyTerms(terms, pairs);
    }

    /** 1 + ln(count) from one occurrence up; a share of one below it. */
    private static double termWeight(double count) {
        return count >= 1 ? 1 + Math.log(count) : count;
    }

    /** The translations of a non-English profile's words that calls use, where its language has a dictionary. */
    private static ProfileTranslations.Terms translate(IndexReader reader, CallMatchQuery query,
                                                       Dictionaries dictionaries) {
        BilingualDictionary dictionary = dictionaries.of(query.language());
        if (dictionary == null) {
            return ProfileTranslations.Terms.NONE;
        }
        List<ProfileTranslations.Found> found = new ArrayList<>();
        ProfileTranslations.find(dictionary, query.language(), query.text(), 1, found);
        if (query.keywords() != null) {
            query.keywords().forEach(k -> ProfileTranslations.find(dictionary, query.language(), k, KEYWORD_TF, found));
        }
        return ProfileTranslations.terms(found, terms -> {
            try {
                return docFreqs(reader, terms);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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
        for (String field : FIELDS) {
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
     * Where each of {@code terms} is in each segment of {@code field}, in their order, kept per index version like the
     * document frequencies: key terms recur from one profile to the next, and looking them up in four fields' term
     * dictionaries costs a fifth of a ranking. Those not kept yet are sought together, in term order, with one terms
     * enumeration per segment ({@link TermStates#build} starts a new one for every term and segment, which cost a
     * quarter of a ranking whose key terms were new).
     */
    static TermStates[] termStates(IndexSearcher searcher, String field, java.util.Collection<String> terms)
            throws IOException {
        DocFreqCache cache = cache(searcher.getIndexReader());
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

    private static void analyze(Analyzer analyzer, String text, int count, Map<String, Integer> tf) {
        if (text == null || text.isBlank()) {
            return;
        }
        try (TokenStream tokens = analyzer.tokenStream(TITLE, text)) {
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
     * Per document, per field, which of the terms it contains: the reasons a call matched, from what the scoring
     * found ({@code found}, per field a bit per term for each of {@code candidates}).
     */
    private static Map<Integer, Map<String, List<String>>> matchedTerms(List<Integer> docs,
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

    /**
     * The kind of a type of action: {@code RIA} (research and innovation), {@code IA} (innovation), {@code CSA}
     * (coordination and support), whatever the programme's prefix ({@code HORIZON-RIA}); else the type itself, or null.
     */
    static String actionKind(String action) {
        if (action == null || action.isBlank()) {
            return null;
        }
        String a = action.strip().toUpperCase(java.util.Locale.ROOT);
        if (a.endsWith("RIA")) {
            return "RIA";
        }
        if (a.endsWith("-IA") || a.equals("IA")) {
            return "IA";
        }
        return a.endsWith("CSA") ? "CSA" : a;
    }

    /** The type of action of the record's own topics that the calls index holds (topic -> type). */
    private static Map<String, String> ownActions(IndexSearcher searcher, MemberRecord record) throws IOException {
        if (record == null || record.own().isEmpty()) {
            return Map.of();
        }
        java.util.Set<Integer> docs = new java.util.HashSet<>();
        for (MemberRecord.Participation p : record.own()) {
            int doc = docOf(searcher, p.topic());
            if (doc >= 0) {
                docs.add(doc);
            }
        }
        Map<String, String> actions = new HashMap<>();
        ids(searcher.getIndexReader(), docs).values().forEach(idAndAction -> actions.put(idAndAction[0], idAndAction[1]));
        return actions;
    }

    /** The id and the type of action (or null) of the documents, from their segments' tables. */
    private static Map<Integer, String[]> ids(IndexReader reader, java.util.Set<Integer> docs) throws IOException {
        Map<Integer, String[]> ids = new HashMap<>(docs.size() * 2);
        List<LeafReaderContext> leaves = reader.leaves();
        for (int doc : docs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            String id = segmentIds(leaf.reader())[doc - leaf.docBase];
            if (id == null) {
                throw new IllegalStateException("document " + doc + " has no id");
            }
            ids.put(doc, new String[]{id, segmentActions(leaf.reader())[doc - leaf.docBase]});
        }
        return ids;
    }

    /** Per segment (its core, which deletions do not change), the id of each document. */
    private static final Map<IndexReader.CacheKey, String[]> SEGMENT_IDS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per segment, the type of action of each document (null: none). */
    private static final Map<IndexReader.CacheKey, String[]> SEGMENT_ACTIONS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per segment, the area of each document's identifier. */
    private static final Map<IndexReader.CacheKey, String[]> SEGMENT_AREAS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A table of a segment's documents: made once, kept in {@code cache} until the segment closes. */
    private interface SegmentTable {
        String[] read(LeafReader segment) throws IOException;
    }

    private static String[] perSegment(Map<IndexReader.CacheKey, String[]> cache, LeafReader segment,
                                       SegmentTable table) throws IOException {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        String[] values = helper == null ? null : cache.get(helper.getKey());
        if (values == null) {
            values = table.read(segment);
            // the searcher holds the segment open: it cannot close before its listener is added
            if (helper != null && cache.putIfAbsent(helper.getKey(), values) == null) {
                helper.addClosedListener(cache::remove);
            }
        }
        return values;
    }

    /**
     * The id of every document of a segment, read once in term order and dropped when the segment closes: a
     * ranking needs the ids of all its candidates (several hundred) for the area feedback, and looking each up in
     * the doc values decompresses a block of them.
     */
    private static String[] segmentIds(LeafReader segment) throws IOException {
        return perSegment(SEGMENT_IDS, segment, s -> {
            String[] ids = new String[s.maxDoc()];
            SortedDocValues values = DocValues.getSorted(s, ID);
            String[] byOrd = new String[values.getValueCount()];
            TermsEnum terms = values.termsEnum();
            for (int ord = 0; terms.next() != null; ord++) {
                byOrd[ord] = terms.term().utf8ToString();
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                ids[doc] = byOrd[values.ordValue()];
            }
            return ids;
        });
    }

    /** The type of action of every document of a segment, from the postings of its few values. */
    private static String[] segmentActions(LeafReader segment) throws IOException {
        return perSegment(SEGMENT_ACTIONS, segment, s -> {
            String[] actions = new String[s.maxDoc()];
            Terms terms = s.terms(ACTION_TYPE);
            if (terms == null) {
                return actions;
            }
            TermsEnum values = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef value = values.next(); value != null; value = values.next()) {
                String action = value.utf8ToString();
                postings = values.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    actions[doc] = action;
                }
            }
            return actions;
        });
    }

    /** The area of every document's identifier in a segment (for the record's candidates), from its ids. */
    private static String[] segmentAreas(LeafReader segment) throws IOException {
        return perSegment(SEGMENT_AREAS, segment, s -> {
            String[] ids = segmentIds(s);
            String[] areas = new String[ids.length];
            for (int doc = 0; doc < ids.length; doc++) {
                areas[doc] = ids[doc] == null ? null : areaKey(ids[doc]);
            }
            return areas;
        });
    }
}
