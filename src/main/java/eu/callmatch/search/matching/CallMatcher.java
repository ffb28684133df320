package eu.callmatch.search.matching;

import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.service.SearchIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 *
 * <p>This class gathers the candidates and their features; the parts are each in a class of their own: the profile's
 * {@link KeyTerms}, their {@link LexicalScores}, the cosines with the {@link StoredVectors}, the
 * {@link RecordCandidates}, and what is read once per segment ({@link CallDocs}) or per index version
 * ({@link IndexVersionCache}).
 */
@ApplicationScoped
public class CallMatcher {

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
                float[] v = StoredVectors.storedVector(searcher, identifier);
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
                return StoredVectors.storedVector(searcher, identifier);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Result match(IndexSearcher searcher, CallMatchQuery query,
                                CompletableFuture<TextEmbedder.Vectors> vectors, int limit, CallRanker ranker,
                                Dictionaries dictionaries) throws IOException {
        Scoring scoring = candidates(searcher, query, vectors, limit, dictionaries);
        int[] docs = scoring.docs();
        Map<Integer, String[]> byDoc = CallDocs.ids(searcher.getIndexReader(), scoring.rows().keySet());
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
        Map<Integer, Map<String, List<String>>> matched = LexicalScores.matchedTerms(
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
        DocSetQuery filter = IndexVersionCache.filterDocs(searcher, filter(query));
        long total = filter.count();
        KeyTerms key = KeyTerms.of(searcher.getIndexReader(), query, dictionaries);
        Map<String, Float> terms = key.weights();
        int k = Math.max(query.candidates(), limit);

        Map<Integer, double[]> candidates = new HashMap<>(); // doc -> [dense, field scores...]
        int fields = LexicalScores.FIELDS.size();
        List<String> fieldNames = LexicalScores.FIELDS;
        // the index's vectors are looked for once, and only for a profile that has or will have its own
        boolean vectorsExpected = (query.vector() != null || vectors != null)
                && StoredVectors.hasVectors(searcher.getIndexReader());
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
            DocSetQuery vectorless = IndexVersionCache.filterDocs(searcher, withoutVector(filter(query)));
            if (vectorless.count() > 0) {
                bestPerField(searcher, fieldNames, terms, vectorless, kv, candidates);
            }
        }
        RecordCandidates.add(searcher, query, filter, candidates, fields + 1);
        if (dense) {
            StoredVectors.dense(searcher.getIndexReader(), query.vector(), query.parts(), candidates);
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
                float[] scores = LexicalScores.fieldScores(searcher, field, terms, docs, has);
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
        int fields = LexicalScores.FIELDS.size();
        for (int f = 1; f <= fields && !terms.isEmpty(); f++) {
            if (!searched.contains(LexicalScores.FIELDS.get(f - 1))) {
                continue;
            }
            // no total hit count is needed: the search may skip calls that cannot reach its best k from the start
            Query fieldQuery = LexicalScores.fieldQuery(searcher, LexicalScores.FIELDS.get(f - 1), terms, filter);
            ScoreDoc[] top = searcher.search(fieldQuery, new TopScoreDocCollectorManager(k, null, k)).scoreDocs;
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

    /** The candidates' indexes, best score first, then in the order of {@code ties}. */
    static List<Integer> best(double[] scores, Comparator<Integer> ties) {
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
                Map<Integer, String[]> byDoc = CallDocs.ids(searcher.getIndexReader(), scoring.rows().keySet());
                features(scoring.rows(), scoring.docs(), byDoc, query.record(), ownActions(searcher, query.record()),
                        ids, rows, new double[ids.length], new CallMatch.RecordEvidence[ids.length]);
                return new Features(ids, rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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

    static double[] nanRow(int size) {
        double[] row = new double[size];
        java.util.Arrays.fill(row, Double.NaN);
        return row;
    }

    /** The calls {@code filter} lets through that have no vector yet. */
    private static Query withoutVector(Query filter) {
        return new BooleanQuery.Builder().add(filter, Occur.MUST)
                .add(new FieldExistsQuery(CALL_VECTOR), Occur.MUST_NOT).build();
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
            int doc = CallDocs.docOf(searcher, p.topic());
            if (doc >= 0) {
                docs.add(doc);
            }
        }
        Map<String, String> actions = new HashMap<>();
        CallDocs.ids(searcher.getIndexReader(), docs).values()
                .forEach(idAndAction -> actions.put(idAndAction[0], idAndAction[1]));
        return actions;
    }

}
