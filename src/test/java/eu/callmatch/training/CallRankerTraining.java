package eu.callmatch.training;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.callmatch.calls.CallDto;
import eu.callmatch.imports.formats.Cordis;
import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;
import eu.callmatch.imports.formats.CordisSink;
import eu.callmatch.matching.service.CallMatchService;
import eu.callmatch.search.index.Documents;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.index.SearchFields;
import eu.callmatch.search.matching.CallMatchQuery;
import eu.callmatch.search.matching.CallMatcher;
import eu.callmatch.search.matching.CallRanker;
import eu.callmatch.search.matching.CallText;
import eu.callmatch.search.matching.MemberRecord;
import eu.callmatch.search.matching.TextEmbedder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Learns the call ranking's weights ({@link CallRanker}) from the public training material only: the call corpus
 * {@code eval/calls.jsonl} and the projects of the partner pool {@code eval/dev/cordis.zip}, which holds no project of
 * any evaluation case's topic. Two kinds of training query are built from the pool, as the evaluation's cases are:
 * <ul>
 * <li>idea: a project's title and objective, whose answer is its topic;</li>
 * <li>member: an SME's other projects (title and objective, or the topic's title) and their science fields, with
 * its PIC, whose answer is the topic of the project held out; its record is read from the pool without any project
 * of that topic.</li>
 * </ul>
 * The queries are split by their answer's topic ({@link TopicSplit}); the weights are learned on the training side by
 * pairwise logistic regression, the L2 strength and the features kept are chosen on the validation side, and the
 * validation figures are printed (with standard errors) and written beside the weights in
 * {@code src/main/resources/matching/call-ranker.json}. No evaluation case is read.
 *
 * <p>Run: {@code ./mvnw -B test -Dgroups=training -DexcludedGroups= -Dtest=CallRankerTraining} (a few minutes on
 * two cores; the calls' vectors are kept in {@code target/training} for the next run).
 */
@Tag("training")
class CallRankerTraining {

    static final Path CALLS = Path.of("eval/calls.jsonl");
    static final Path POOL = Path.of("eval/dev/cordis.zip");
    static final Path WORK = Path.of("target/training");
    /**
     * What a call's vector is computed from: {@code start}, as the service does ({@link CallText#vectorText}), or, to
     * compare, {@code chunk} (the first chunk of ~120 words, up to 128 word pieces, as the service did before the cut
     * at 64), {@code whole} (the blend of all the chunks of {@link CallText#of}, as it did before that) or {@code
     * heading} ({@link CallText#heading}), with {@code -Dcallmatch.training.call-text=whole}; a comparison writes its
     * artefacts under {@code target/training} only.
     */
    static final String SERVICE_TEXT = "start";
    static final String CALL_TEXT = System.getProperty("callmatch.training.call-text", SERVICE_TEXT);
    /**
     * The word pieces of a profile's start its vector is read from: the service's ({@link
     * TextEmbedder#PROFILE_PIECES}), or, to compare, another number, with {@code -Dcallmatch.training.profile-pieces=64};
     * a comparison writes its artefacts under {@code target/training} only.
     */
    static final int PROFILE_PIECES = Integer.getInteger("callmatch.training.profile-pieces",
            TextEmbedder.PROFILE_PIECES);
    /** The name of a comparison's artefacts, or null for the service's own choices. */
    static final String VARIANT = SERVICE_TEXT.equals(CALL_TEXT) && PROFILE_PIECES == TextEmbedder.PROFILE_PIECES
            ? null : CALL_TEXT + (PROFILE_PIECES == TextEmbedder.PROFILE_PIECES ? "" : "-profile" + PROFILE_PIECES);
    static final Path OUTPUT = VARIANT == null ? Path.of("src/main/resources", CallRanker.RESOURCE)
            : WORK.resolve(VARIANT + "-call-ranker.json");
    /** A small fixed validation sample, for the test that the learned ranking is loaded and beats the hand-set one. */
    static final Path SAMPLE = VARIANT == null ? Path.of("src/test/resources/training/call-validation-sample.json")
            : WORK.resolve(VARIANT + "-call-validation-sample.json");
    static final int SAMPLE_QUERIES = 50;
    static final int SAMPLE_CANDIDATES = 40;
    /** Every call, whatever its status (the corpus carries none; the service derives it from the dates). */
    static final List<String> STATUSES = List.of();
    static final double[] L2 = {1e-4, 1e-2, 1};
    /**
     * {@code -Dcallmatch.training.reuse-examples=true}: read the training queries' features from the last run (in
     * {@link #WORK}) instead of computing them again; for trying learning choices, never for the artefacts of a
     * change in how features are computed.
     */
    static final boolean REUSE_EXAMPLES = Boolean.getBoolean("callmatch.training.reuse-examples");
    /** Rounds of learning: the area feature depends on the weights of the others. */
    static final int ROUNDS = 3;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    enum Kind { IDEA, MEMBER }

    /**
     * A training query and its candidates' features; {@code right} is the answer's candidate, or -1. Every other
     * candidate is paired with the answer in learning: the easy ones too, or the weights would learn only what
     * tells the answer from the hand-set ranking's favourites.
     */
    record Example(Kind kind, String topic, boolean validation, String[] ids, double[][] rows, int right) {
    }

    @Test
    void learn() throws Exception {
        Files.createDirectories(WORK);
        Map<String, CallDto> calls = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(CALLS)) {
            for (String line : (Iterable<String>) lines::iterator) {
                CallDto call = JSON.readValue(line, CallDto.class);
                calls.put(call.identifier(), call);
            }
        }
        Pool pool = Pool.read(POOL);
        System.out.printf("Training material: %d calls, %d projects, %d participations%n", calls.size(),
                pool.projects.size(), pool.participations.size());

        TextEmbedder embedder = new TextEmbedder(true, PROFILE_PIECES);
        List<Example> examples;
        Path saved = WORK.resolve("examples-" + (VARIANT == null ? CALL_TEXT : VARIANT) + ".bin");
        examples = REUSE_EXAMPLES && Files.exists(saved) ? readExamples(saved) : null;
        if (examples != null) {
            System.out.printf("%d training queries read from %s%n", examples.size(), saved);
        } else {
            examples = examples(calls, pool, embedder);
            writeExamples(examples, saved);
        }
        learnFrom(examples);
    }

    private static List<Example> examples(Map<String, CallDto> calls, Pool pool, TextEmbedder embedder)
            throws IOException {
        List<Example> examples;
        Path indexDir = Files.createTempDirectory(WORK, "calls-index");
        try (LuceneIndex index = LuceneIndex.open(indexDir, IndexKind.CALLS)) {
            long started = System.nanoTime();
            List<CallDto> list = List.copyOf(calls.values());
            float[][] vectors = callVectors(list, embedder);
            try (LuceneIndex.Rebuild rebuild = index.beginRebuild(SearchFields.SCHEMA_VERSION)) {
                for (int i = 0; i < list.size(); i++) {
                    rebuild.add(list.get(i).identifier(), Documents.of(list.get(i), vectors[i]));
                }
                rebuild.swap(Map.of());
            }
            System.out.printf("Calls indexed with vectors in %.0f s%n", (System.nanoTime() - started) / 1e9);
            started = System.nanoTime();
            examples = examples(pool, calls.keySet(), index, embedder);
            System.out.printf("%d training queries with features in %.0f s%n", examples.size(),
                    (System.nanoTime() - started) / 1e9);
        }
        return examples;
    }

    private static void learnFrom(List<Example> examples) throws IOException {

        Map<Kind, long[]> sizes = new LinkedHashMap<>();
        for (Example e : examples) {
            long[] s = sizes.computeIfAbsent(e.kind(), k -> new long[4]);
            s[e.validation() ? 1 : 0]++;
            s[e.validation() ? 3 : 2] += e.right() >= 0 ? 1 : 0;
        }
        sizes.forEach((k, s) -> System.out.printf("%s: %d train (%d with the answer among the candidates), "
                + "%d validation (%d)%n", k, s[0], s[2], s[1], s[3]));

        Map<String, Set<Integer>> variants = new LinkedHashMap<>();
        Set<Integer> all = IntStream.range(0, CallRanker.FEATURES.size()).boxed().collect(Collectors.toSet());
        variants.put("all features", all);
        variants.put("without the record", without(all, CallRanker.OWN_AREA, CallRanker.OWN_TOPIC,
                CallRanker.PARTNER_AREA, CallRanker.OWN_ACTION));
        variants.put("without the partners", without(all, CallRanker.PARTNER_AREA));
        variants.put("without the own type of action", without(all, CallRanker.OWN_ACTION));
        variants.put("without the type of action", without(all, CallRanker.RESEARCH, CallRanker.INNOVATION,
                CallRanker.COORDINATION));
        variants.put("without the area feedback", without(all, CallRanker.AREA));
        variants.put("without the raw cosine", without(all, CallRanker.COSINE));
        variants.put("without keywords, destination, description", without(all, CallRanker.KEYWORDS,
                CallRanker.DESTINATION, CallRanker.DESCRIPTION));
        variants.put("dense and title only", Set.of(CallRanker.DENSE, CallRanker.TITLE));

        // each variant and L2 strength is judged by cross-validation over the folds of TopicSplit: every query is
        // ranked by weights learned without its topic, so that the choice rests on all the queries, not a fifth
        Map<String, Figures> figures = new LinkedHashMap<>();
        Map<String, Figures> heldOut = new LinkedHashMap<>();
        figures.put("hand-set (unlearned)", Figures.of(examples, CallRanker.UNLEARNED, e -> true));
        heldOut.put("hand-set (unlearned)", Figures.of(examples, CallRanker.UNLEARNED, Example::validation));
        Map<String, Double> lambdas = new LinkedHashMap<>();
        for (Map.Entry<String, Set<Integer>> v : variants.entrySet()) {
            Figures bestFigures = null;
            double bestL2 = 0;
            for (double l2 : L2) {
                Figures f = Figures.crossValidated(examples, v.getValue(), l2);
                if (bestFigures == null || f.objective() > bestFigures.objective()) {
                    bestFigures = f;
                    bestL2 = l2;
                }
            }
            lambdas.put(v.getKey(), bestL2);
            figures.put("learned, " + v.getKey(), bestFigures);
            heldOut.put("learned, " + v.getKey(), Figures.of(examples,
                    fit(examples, v.getValue(), bestL2, e -> !e.validation()), Example::validation));
            System.out.printf("  %s: L2 %s, %s%n", v.getKey(), bestL2, bestFigures);
        }
        System.out.println();
        System.out.println("Cross-validated over " + TopicSplit.FOLDS + " folds of topics (each query ranked by "
                + "weights learned without its topic), figure ± standard error:");
        figures.forEach((name, f) -> System.out.printf("  %-52s %s%n", name, f));
        System.out.println("Validation fold only (learned on the other four), figure ± standard error:");
        heldOut.forEach((name, f) -> System.out.printf("  %-52s %s%n", name, f));

        // the kept variant: the best in cross-validation; of equals (to the fourth decimal), the one with fewer features.
        // (Keeping the fewest features within a standard error of the best would drop any one group of them: their
        // parts in the objective are each smaller than its standard error.)
        String kept = "all features";
        for (String name : variants.keySet()) {
            double f = Math.round(figures.get("learned, " + name).objective() * 1e4);
            double k = Math.round(figures.get("learned, " + kept).objective() * 1e4);
            if (f > k || (f == k && variants.get(name).size() < variants.get(kept).size())) {
                kept = name;
            }
        }
        // the weights that ship are learned on all the queries
        CallRanker ranker = fit(examples, variants.get(kept), lambdas.get(kept), e -> true);
        System.out.printf("Kept: %s, L2 %s, weights %s%n", kept, lambdas.get(kept), weights(ranker));
        write(ranker, kept, lambdas.get(kept), figures, heldOut, sizes);
        writeSample(examples);
        System.out.println("Written to " + OUTPUT + " and " + SAMPLE);
    }

    private static Set<Integer> without(Set<Integer> all, Integer... dropped) {
        Set<Integer> kept = new TreeSet<>(all);
        kept.removeAll(List.of(dropped));
        return kept;
    }

    /**
     * Learns the weights of the given features from the examples {@code learnFrom} accepts; with the area feature,
     * in rounds, the area from the last round's weights.
     */
    static CallRanker fit(List<Example> examples, Set<Integer> features, double l2,
                          java.util.function.Predicate<Example> learnFrom) {
        CallRanker ranker = CallRanker.UNLEARNED;
        if (!features.contains(CallRanker.AREA)) {
            ranker = mask(ranker, features);
        }
        long train = examples.stream().filter(learnFrom).count();
        Map<Kind, Long> perKind = examples.stream().filter(learnFrom)
                .collect(Collectors.groupingBy(Example::kind, Collectors.counting()));
        int rounds = features.contains(CallRanker.AREA) ? ROUNDS : 1;
        for (int round = 0; round < rounds; round++) {
            List<double[]> pairs = new ArrayList<>();
            List<Double> pairWeights = new ArrayList<>();
            for (Example e : examples) {
                if (!learnFrom.test(e) || e.right() < 0 || e.rows().length < 2) {
                    continue;
                }
                double[][] rows = withArea(e, ranker);
                // each kind of query weighs as much as the other, however many there are of it; each query as
                // much as another, however many candidates it has
                double weight = train / (double) perKind.size() / perKind.get(e.kind()) / (rows.length - 1);
                for (int c = 0; c < rows.length; c++) {
                    if (c == e.right()) {
                        continue;
                    }
                    double[] d = new double[rows[c].length];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = features.contains(i) ? rows[e.right()][i] - rows[c][i] : 0;
                    }
                    pairs.add(d);
                    pairWeights.add(weight);
                }
            }
            ranker = new CallRanker(PairwiseLogistic.fit(pairs.toArray(double[][]::new),
                    pairWeights.stream().mapToDouble(Double::doubleValue).toArray(), l2), "training");
        }
        return ranker;
    }

    private static CallRanker mask(CallRanker ranker, Set<Integer> features) {
        double[] w = ranker.weights().clone();
        for (int i = 0; i < w.length; i++) {
            if (!features.contains(i)) {
                w[i] = 0;
            }
        }
        return new CallRanker(w, ranker.source());
    }

    /** A copy of the example's rows with the area feature as {@code ranker} makes it. */
    static double[][] withArea(Example e, CallRanker ranker) {
        double[][] rows = new double[e.rows().length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = e.rows()[i].clone();
        }
        CallMatcher.area(e.ids(), rows, ranker);
        return rows;
    }

    /** Recall and reciprocal rank per kind of query, on the validation side. */
    record Figures(Map<Kind, double[]> ranks) {

        /**
         * Each example ranked by the weights learned without the fold of its topic: every query counts, none by
         * weights that saw it.
         */
        static Figures crossValidated(List<Example> examples, Set<Integer> features, double l2) {
            Map<Kind, List<Double>> ranks = new LinkedHashMap<>();
            for (int fold = 0; fold < TopicSplit.FOLDS; fold++) {
                int f = fold;
                CallRanker ranker = fit(examples, features, l2, e -> TopicSplit.fold(e.topic()) != f);
                Figures part = of(examples, ranker, e -> TopicSplit.fold(e.topic()) == f);
                part.ranks().forEach((kind, r) -> {
                    List<Double> all = ranks.computeIfAbsent(kind, k -> new ArrayList<>());
                    Arrays.stream(r).forEach(all::add);
                });
            }
            Map<Kind, double[]> out = new LinkedHashMap<>();
            ranks.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            return new Figures(out);
        }

        static Figures of(List<Example> examples, CallRanker ranker, java.util.function.Predicate<Example> scored) {
            Map<Kind, List<Double>> ranks = new LinkedHashMap<>();
            for (Example e : examples) {
                if (!scored.test(e)) {
                    continue;
                }
                double rank = Double.POSITIVE_INFINITY;
                if (e.right() >= 0) {
                    double[][] rows = withArea(e, ranker);
                    double right = ranker.score(rows[e.right()], true);
                    int above = 0;
                    for (int i = 0; i < rows.length; i++) {
                        double s = ranker.score(rows[i], true);
                        if (s > right || (s == right && e.ids()[i].compareTo(e.ids()[e.right()]) < 0)) {
                            above++;
                        }
                    }
                    rank = above + 1;
                }
                ranks.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(rank);
            }
            Map<Kind, double[]> out = new LinkedHashMap<>();
            ranks.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            return new Figures(out);
        }

        static double recall(double[] ranks, int k) {
            return Arrays.stream(ranks).filter(r -> r <= k).count() / (double) ranks.length;
        }

        static double error(double p, int n) {
            return Math.sqrt(p * (1 - p) / n);
        }

        /** What the choice maximises: the mean of idea R@1, idea R@10 and member R@50. */
        double objective() {
            double[] idea = ranks.getOrDefault(Kind.IDEA, new double[0]);
            double[] member = ranks.getOrDefault(Kind.MEMBER, new double[0]);
            return (recall(idea, 1) + recall(idea, 10) + recall(member, 50)) / 3;
        }

        /** The objective's standard error, the three recalls taken as independent. */
        double error() {
            double[] idea = ranks.get(Kind.IDEA);
            double[] member = ranks.get(Kind.MEMBER);
            double v = Math.pow(error(recall(idea, 1), idea.length), 2) + Math.pow(error(recall(idea, 10), idea.length), 2)
                    + Math.pow(error(recall(member, 50), member.length), 2);
            return Math.sqrt(v) / 3;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            ranks.forEach((kind, r) -> {
                int[] ks = kind == Kind.IDEA ? new int[]{1, 10} : new int[]{10, 50};
                for (int k : ks) {
                    double p = recall(r, k);
                    m.put(kind.name().toLowerCase(Locale.ROOT) + " R@" + k, round(p));
                    m.put(kind.name().toLowerCase(Locale.ROOT) + " R@" + k + " se", round(error(p, r.length)));
                }
                m.put(kind.name().toLowerCase(Locale.ROOT) + " MRR", round(Arrays.stream(r).map(x -> 1 / x).average()
                        .orElse(0)));
                m.put(kind.name().toLowerCase(Locale.ROOT) + " n", r.length);
            });
            return m;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            ranks.forEach((kind, r) -> {
                int[] ks = kind == Kind.IDEA ? new int[]{1, 10} : new int[]{10, 50};
                s.append(kind.name().toLowerCase(Locale.ROOT)).append(':');
                for (int k : ks) {
                    double p = recall(r, k);
                    s.append(String.format(Locale.ROOT, " R@%d %.3f±%.3f", k, p, error(p, r.length)));
                }
                s.append(String.format(Locale.ROOT, " (n %d)   ", r.length));
            });
            return s.toString();
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static String weights(CallRanker ranker) {
        return IntStream.range(0, ranker.weights().length)
                .mapToObj(i -> CallRanker.FEATURES.get(i) + "=" + String.format(Locale.ROOT, "%.3f", ranker.weights()[i]))
                .collect(Collectors.joining(", "));
    }

    private static void writeExamples(List<Example> examples, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(CallRanker.FEATURES.size());
            out.writeInt(examples.size());
            for (Example e : examples) {
                out.writeUTF(e.kind().name());
                out.writeUTF(e.topic());
                out.writeInt(e.right());
                out.writeInt(e.ids().length);
                for (int i = 0; i < e.ids().length; i++) {
                    out.writeUTF(e.ids()[i]);
                    for (double v : e.rows()[i]) {
                        out.writeDouble(v);
                    }
                }
            }
        }
    }

    /** The examples of the last run, or null where they have other features than this code's. */
    private static List<Example> readExamples(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != CallRanker.FEATURES.size()) {
                return null;
            }
            int n = in.readInt();
            List<Example> examples = new ArrayList<>(n);
            for (int q = 0; q < n; q++) {
                Kind kind = Kind.valueOf(in.readUTF());
                String topic = in.readUTF();
                int right = in.readInt();
                String[] ids = new String[in.readInt()];
                double[][] rows = new double[ids.length][CallRanker.FEATURES.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = in.readUTF();
                    for (int f = 0; f < rows[i].length; f++) {
                        rows[i][f] = in.readDouble();
                    }
                }
                examples.add(new Example(kind, topic, TopicSplit.validation(topic), ids, rows, right));
            }
            return examples;
        }
    }

    // ---------------------------------------------------------------- the training queries

    /** The pool, as the training reads it. */
    record Pool(Map<String, CordisProject> projects, List<CordisParticipation> participations,
                Map<String, Boolean> sme) {

        static Pool read(Path zip) {
            Map<String, CordisProject> projects = new LinkedHashMap<>();
            List<CordisParticipation> participations = new ArrayList<>();
            Map<String, Boolean> sme = new HashMap<>();
            Cordis.readBundle(zip, new CordisSink() {
                public void project(CordisProject p) {
                    projects.put(p.id(), p);
                }

                public void organisation(CordisOrganisation o) {
                    sme.put(o.pic(), Boolean.TRUE.equals(o.sme()));
                }

                public void participation(CordisParticipation p) {
                    participations.add(p);
                }

                public void reject(String file, long line, String record, String reason) {
                }
            });
            return new Pool(projects, participations, sme);
        }
    }

    private static List<Example> examples(Pool pool, Set<String> calls, LuceneIndex index, TextEmbedder embedder) {
        record Query(Kind kind, String topic, String description, List<String> keywords, MemberRecord record) {
        }
        List<Query> queries = new ArrayList<>();
        for (CordisProject p : pool.projects().values()) {
            if (p.topic() != null && calls.contains(p.topic()) && !blank(p.objective()) && !blank(p.title())) {
                queries.add(new Query(Kind.IDEA, p.topic(), p.title().strip() + ". " + p.objective().strip(),
                        List.of(), null));
            }
        }
        Map<String, List<String>> byOrganisation = new LinkedHashMap<>();
        Map<String, List<String>> byProject = new HashMap<>();
        for (CordisParticipation p : pool.participations()) {
            if (pool.projects().containsKey(p.projectId())) {
                byOrganisation.computeIfAbsent(p.pic(), k -> new ArrayList<>()).add(p.projectId());
                byProject.computeIfAbsent(p.projectId(), k -> new ArrayList<>()).add(p.pic());
            }
        }
        for (Map.Entry<String, List<String>> o : byOrganisation.entrySet()) {
            if (!Boolean.TRUE.equals(pool.sme().get(o.getKey())) || o.getValue().size() < 2) {
                continue;
            }
            for (String held : o.getValue()) {
                String topic = pool.projects().get(held).topic();
                if (topic == null || !calls.contains(topic)) {
                    continue;
                }
                // the member as the pool would know it if no project of the answer's topic were in it
                List<CordisProject> others = o.getValue().stream().map(pool.projects()::get)
                        .filter(p -> !topic.equals(p.topic())).sorted(java.util.Comparator.comparing(CordisProject::id))
                        .toList();
                if (others.isEmpty()) {
                    continue;
                }
                Set<String> sentences = new LinkedHashSet<>();
                Set<String> keywords = new LinkedHashSet<>();
                for (CordisProject p : others) {
                    String s = !blank(p.objective()) && !blank(p.title()) ? p.title().strip() + ". " + p.objective().strip()
                            : p.topicTitle();
                    if (!blank(s)) {
                        sentences.add(s.strip().replaceAll("\\.$", ""));
                    }
                    keywords.addAll(p.scienceFields());
                }
                if (sentences.isEmpty()) {
                    continue;
                }
                queries.add(new Query(Kind.MEMBER, topic, String.join(". ", sentences) + ".", List.copyOf(keywords),
                        record(o.getKey(), others, pool, byOrganisation, byProject, topic)));
            }
        }
        List<Example> examples = new ArrayList<>(queries.size());
        int[] done = {0};
        queries.parallelStream().map(q -> {
            String text = CallMatchService.profileText(q.description(), q.keywords());
            TextEmbedder.Vectors v = embedder.embedProfile(text, q.description(), CallMatchService.MAX_PARTS);
            CallMatcher.Features f = CallMatcher.features(index, new CallMatchQuery(q.description(), q.keywords(),
                    v.text(), v.sentences(), STATUSES, List.of(), List.of(), null, CallMatchService.CANDIDATES,
                    q.record()));
            int right = Arrays.asList(f.ids()).indexOf(q.topic());
            synchronized (done) {
                if (++done[0] % 500 == 0) {
                    System.out.printf("  %d of %d queries%n", done[0], queries.size());
                }
            }
            return new Example(q.kind(), q.topic(), TopicSplit.validation(q.topic()), f.ids(), f.rows(), right);
        }).forEachOrdered(examples::add);
        return examples;
    }

    /**
     * The member's record as {@code OrganisationService.record} reads it from the database, here from the pool
     * without the projects of {@code hidden}: its projects' topics, and its partners' other projects' topics with the
     * project they share; distinct, in the order of topic and project, cut at the same length.
     */
    static MemberRecord record(String pic, List<CordisProject> own, Pool pool, Map<String, List<String>> byOrganisation,
                               Map<String, List<String>> byProject, String hidden) {
        TreeSet<List<String>> mine = new TreeSet<>(CallRankerTraining::compare);
        TreeSet<List<String>> partners = new TreeSet<>(CallRankerTraining::compare);
        for (CordisProject p : own) {
            if (p.topic() == null) {
                continue;
            }
            String acronym = blank(p.acronym()) ? p.id() : p.acronym();
            mine.add(List.of(p.topic(), acronym));
            for (String partner : byProject.getOrDefault(p.id(), List.of())) {
                if (partner.equals(pic)) {
                    continue;
                }
                for (String elsewhere : byOrganisation.getOrDefault(partner, List.of())) {
                    CordisProject other = pool.projects().get(elsewhere);
                    if (!elsewhere.equals(p.id()) && other.topic() != null && !other.topic().equals(hidden)) {
                        partners.add(List.of(other.topic(), acronym));
                    }
                }
            }
        }
        return new MemberRecord(
                mine.stream().map(r -> new MemberRecord.Participation(r.get(0), r.get(1))).toList(),
                partners.stream().limit(eu.callmatch.organisations.service.OrganisationService.RECORD_PARTNERS)
                        .map(r -> new MemberRecord.Participation(r.get(0), r.get(1))).toList());
    }

    private static int compare(List<String> a, List<String> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The calls' vectors, kept in {@link #WORK} for the next run as long as the texts embedded are the same. */
    private static float[][] callVectors(List<CallDto> calls, TextEmbedder embedder) throws IOException {
        List<String> texts = calls.stream().map(call -> switch (CALL_TEXT) {
            case "heading" -> CallText.heading(call);
            case "whole" -> CallText.of(call);
            case "chunk" -> TextEmbedder.chunks(CallText.of(call)).get(0);
            case SERVICE_TEXT -> CallText.vectorText(call);
            default -> throw new IllegalArgumentException(
                    "callmatch.training.call-text is start, chunk, whole or heading, not " + CALL_TEXT);
        }).toList();
        Path cache = WORK.resolve("call-vectors-" + CALL_TEXT + "-" + HexFormat.of().formatHex(
                CallText.digest(String.join("\u0000", texts))) + ".bin");
        float[][] vectors = new float[calls.size()][];
        if (Files.exists(cache)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                for (int i = 0; i < vectors.length; i++) {
                    vectors[i] = new float[TextEmbedder.DIMENSIONS];
                    for (int d = 0; d < TextEmbedder.DIMENSIONS; d++) {
                        vectors[i][d] = in.readFloat();
                    }
                }
            }
            return vectors;
        }
        IntStream.range(0, calls.size()).parallel().forEach(i -> vectors[i] = embedder.embed(texts.get(i)));
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
            for (float[] v : vectors) {
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
        }
        return vectors;
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first {@value #SAMPLE_QUERIES} validation queries of each kind whose answer is among the candidates, each
     * with its {@value #SAMPLE_CANDIDATES} best candidates by the hand-set ranking and the answer: small enough to
     * commit, real enough to tell two rankings apart.
     */
    private static void writeSample(List<Example> examples) throws IOException {
        ArrayNode sample = JSON.createArrayNode();
        Map<Kind, Integer> taken = new HashMap<>();
        for (Example e : examples) {
            if (!e.validation() || e.right() < 0 || taken.merge(e.kind(), 1, Integer::sum) > SAMPLE_QUERIES) {
                continue;
            }
            double[][] rows = withArea(e, CallRanker.UNLEARNED);
            List<Integer> order = IntStream.range(0, rows.length).boxed()
                    .sorted(java.util.Comparator.<Integer>comparingDouble(i -> -CallRanker.UNLEARNED.score(rows[i], true))
                            .thenComparing(i -> e.ids()[i]))
                    .limit(SAMPLE_CANDIDATES).collect(Collectors.toCollection(ArrayList::new));
            if (!order.contains(e.right())) {
                order.add(e.right());
            }
            ObjectNode q = sample.addObject();
            q.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            q.put("answer", e.topic());
            ArrayNode candidates = q.putArray("candidates");
            for (int i : order) {
                ObjectNode c = candidates.addObject();
                c.put("id", e.ids()[i]);
                ArrayNode f = c.putArray("features");
                for (double v : e.rows()[i]) {
                    f.add(Math.round(v * 1e4) / 1e4);
                }
            }
        }
        Files.createDirectories(SAMPLE.getParent());
        JSON.writeValue(SAMPLE.toFile(), sample);
    }

    private static void write(CallRanker ranker, String kept, double l2, Map<String, Figures> figures,
                              Map<String, Figures> heldOut, Map<Kind, long[]> sizes) throws IOException {
        ObjectNode file = JSON.createObjectNode();
        file.put("format", CallRanker.FORMAT);
        file.put("model", "linear; pairwise logistic regression, L2 " + l2 + "; " + kept);
        ArrayNode names = file.putArray("features");
        CallRanker.FEATURES.forEach(names::add);
        ArrayNode weights = file.putArray("weights");
        for (double w : ranker.weights()) {
            weights.add(Math.round(w * 1e6) / 1e6);
        }
        ObjectNode made = file.putObject("madeBy");
        made.put("command", "./mvnw -B test -Dgroups=training -DexcludedGroups= -Dtest=CallRankerTraining");
        made.put("date", LocalDate.now().toString());
        ObjectNode data = made.putObject("data");
        data.put(CALLS.toString(), "sha256:" + sha256(CALLS));
        data.put(POOL.toString(), "sha256:" + sha256(POOL));
        made.put("split", "by the answer's topic into the " + TopicSplit.FOLDS + " folds of TopicSplit.fold(topic); "
                + "variants and L2 chosen by cross-validation over the folds; the weights above learned on all queries");
        ObjectNode queries = made.putObject("queries");
        sizes.forEach((k, s) -> queries.putPOJO(k.name().toLowerCase(Locale.ROOT),
                Map.of("folds 1-4", s[0], "fold 0", s[1])));
        ObjectNode crossValidated = made.putObject("crossValidated");
        figures.forEach((name, f) -> crossValidated.putPOJO(name, f.asMap()));
        ObjectNode validation = made.putObject("validation");
        validation.put("what", "fold 0 (TopicSplit.validation) ranked by weights learned on folds 1-4");
        heldOut.forEach((name, f) -> validation.putPOJO(name, f.asMap()));
        Files.createDirectories(OUTPUT.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(OUTPUT.toFile(), file);
    }
}
