package eu.callmatch.matching.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eu.callmatch.search.matching.CallText;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.training.PairwiseLogistic;
import eu.callmatch.training.TopicSplit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Learns the partner ranking's weights from the pool's own history and writes them to
 * {@code src/main/resources/matching/partner-ranker.json}. Each topic of the CORDIS bundle that is a call becomes a
 * case ({@link CordisHistory}); {@link TopicSplit} puts a fifth of them on the validation side. On the training side,
 * among the hand-set ranking's first {@value #TOP} candidates (where the first 50 are decided: pairs with the
 * thousands of organisations that merely share the call's cluster teach what any ranking already knows), every real
 * participant is paired with non-participants at random and a pairwise logistic regression learns which features put
 * participants first. On the validation side each variant (all features, and all but one group of them, and the hand-set weights)
 * ranks end to end and is scored by the share of participants in the first 20 and 50; the L2 strength and the groups
 * kept are chosen there. The evaluation's dev cases are not read.
 *
 * <p>Run: {@code ./mvnw -B test -Dgroups=training -DexcludedGroups= -Dtest=PartnerRankerTraining} (it embeds the
 * pool's projects first, a few minutes on 2 cores, kept in {@code target/partner-training} for the next run).
 */
@Tag("training")
class PartnerRankerTraining {

    static final Path ARTEFACT = Path.of("src/main/resources/" + PartnerRanker.RESOURCE);
    static final String COMMAND = "./mvnw -B test -Dgroups=training -DexcludedGroups= -Dtest=PartnerRankerTraining";
    /** The region of the hand-set ranking the pairs come from, and how many non-participants each participant meets. */
    static final int TOP = 500;
    static final int PAIRS = 30;
    static final double[] L2 = {1e-3, 1e-2, 1e-1, 1, 10};

    /** Feature groups that must earn their place on validation: each is left out in turn. */
    static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("collaboration", List.of("collaboration"));
        GROUPS.put("title view", List.of("title_similarity", "best_title_similarity", "title_similarity_fixed_floor"));
        GROUPS.put("adaptive floor", List.of("similarity", "title_similarity"));
        GROUPS.put("fixed floor", List.of("similarity_fixed_floor", "title_similarity_fixed_floor"));
        GROUPS.put("closest project", List.of("best_similarity", "best_title_similarity"));
        GROUPS.put("topic share", List.of("topic"));
        GROUPS.put("topic-code depths", List.of("same_cluster", "same_destination", "same_call", "same_topic"));
        GROUPS.put("activity prior", List.of("activity"));
        GROUPS.put("roles and kinds", List.of("coordinated", "sme", "higher_education", "research_organisation",
                "public_body", "company"));
    }

    record CallVectors(float[] text, float[] title) {
    }

    /** Per validation topic and ranker, the share of participants found in the first 20 and 50. */
    record Recalls(double[] at20, double[] at50) {
        static double se(double[] v) {
            double m = 0;
            for (double x : v) {
                m += x;
            }
            m /= v.length;
            double ss = 0;
            for (double x : v) {
                ss += (x - m) * (x - m);
            }
            return Math.sqrt(ss / (v.length - 1) / v.length);
        }
    }

    private final Map<String, CallVectors> callVectors = new HashMap<>();

    @Test
    void learnThePartnerRanking() throws Exception {
        long started = System.nanoTime();
        CordisHistory history = CordisHistory.load();
        TextEmbedder embedder = new TextEmbedder(true);
        float[] vectors = history.vectors(embedder, Path.of("target/partner-training/projects.bin"));
        List<String> training = history.topics.keySet().stream().filter(TopicSplit::training).toList();
        List<String> validation = history.topics.keySet().stream().filter(TopicSplit::validation).toList();
        System.out.printf("%d projects, %d organisations; %d training topics, %d validation topics; vectors in %.0f s%n",
                history.projects.size(), history.organisations.size(), training.size(), validation.size(),
                (System.nanoTime() - started) / 1e9);

        // training pairs: participant minus non-participant, each topic weighing as much as any other
        List<double[]> rows = new ArrayList<>();
        List<Double> rowWeights = new ArrayList<>();
        Random random = new Random(17);
        double[] sums = new double[PartnerFeatures.COUNT];
        double[] squares = new double[PartnerFeatures.COUNT];
        long candidatesSeen = 0;
        for (String topic : training) {
            CordisHistory.Case c = history.hide(topic, vectors, p -> true);
            CallVectors cv = callVectors(embedder, c);
            PartnerRelevance r = PartnerRelevance.of(c.pool(), topic, cv.text(), cv.title());
            double[][] f = features(c.pool(), r);
            PartnerRanker.Heap top = new PartnerRanker.Heap(TOP);
            PartnerRanker hand = PartnerRanker.handSet();
            for (int o = 0; o < f.length; o++) {
                if (f[o] == null) {
                    continue;
                }
                candidatesSeen++;
                for (int k = 0; k < sums.length; k++) {
                    sums[k] += f[o][k];
                    squares[k] += f[o][k] * f[o][k];
                }
                top.offer(o, hand.firstStage(f[o]) + 0.2 * f[o][PartnerFeatures.COLLABORATION]);
            }
            List<Integer> positives = new ArrayList<>();
            List<Integer> negatives = new ArrayList<>();
            for (int o : top.best().organisations()) {
                (c.participants().contains(c.pool().organisations.get(o).pic()) ? positives : negatives).add(o);
            }
            if (positives.isEmpty() || negatives.isEmpty()) {
                continue;
            }
            double weight = 1.0 / (c.participants().size() * PAIRS);
            for (int o : positives) {
                for (int k = 0; k < PAIRS; k++) {
                    int n = negatives.get(random.nextInt(negatives.size()));
                    double[] diff = new double[PartnerFeatures.COUNT];
                    for (int j = 0; j < diff.length; j++) {
                        diff[j] = f[o][j] - f[n][j];
                    }
                    rows.add(diff);
                    rowWeights.add(weight);
                }
            }
        }
        double[] scale = new double[PartnerFeatures.COUNT];
        for (int k = 0; k < scale.length; k++) {
            double mean = sums[k] / candidatesSeen;
            double sd = Math.sqrt(Math.max(squares[k] / candidatesSeen - mean * mean, 0));
            scale[k] = sd > 0 ? sd : 1;
        }
        System.out.printf("%d training pairs from %d candidates in %.0f s%n", rows.size(), candidatesSeen,
                (System.nanoTime() - started) / 1e9);

        // the variants: all features at each L2 strength, then all but one group at the best strength
        Map<String, PartnerRanker> variants = new LinkedHashMap<>();
        variants.put("hand-set", PartnerRanker.handSet());
        List<String> all = PartnerFeatures.NAMES;
        for (double l2 : L2) {
            variants.put("all, L2 " + l2, learn(rows, rowWeights, scale, all, l2));
        }
        Map<String, Recalls> figures = evaluate(history, vectors, embedder, validation, variants);
        double bestL2 = L2[0];
        for (double l2 : L2) {
            if (mean(figures.get("all, L2 " + l2).at50()) > mean(figures.get("all, L2 " + bestL2).at50())) {
                bestL2 = l2;
            }
        }
        Map<String, PartnerRanker> without = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
            List<String> kept = all.stream().filter(n -> !g.getValue().contains(n)).toList();
            without.put("without " + g.getKey(), learn(rows, rowWeights, scale, kept, bestL2));
        }
        figures.putAll(evaluate(history, vectors, embedder, validation, without));
        Recalls full = figures.get("all, L2 " + bestL2);
        // a group earns its place when leaving it out costs validation recall at 50
        List<String> dropped = new ArrayList<>();
        for (String g : GROUPS.keySet()) {
            if (mean(figures.get("without " + g).at50()) >= mean(full.at50())) {
                dropped.add(g);
            }
        }
        List<String> kept = all.stream().filter(n -> dropped.stream().noneMatch(g -> GROUPS.get(g).contains(n)))
                .toList();
        PartnerRanker chosen = learn(rows, rowWeights, scale, kept, bestL2);
        figures.putAll(evaluate(history, vectors, embedder, validation, Map.of("chosen", chosen)));

        Recalls hand = figures.get("hand-set");
        System.out.printf("%nValidation, %d topics (share of participants found; standard errors; difference from "
                + "the hand-set weights, paired standard error):%n", validation.size());
        for (Map.Entry<String, Recalls> e : figures.entrySet()) {
            Recalls v = e.getValue();
            System.out.printf("  %-34s R@20 %.4f (%.4f)  R@50 %.4f (%.4f)  vs hand-set R@50 %+.4f (%.4f)%n",
                    e.getKey(), mean(v.at20()), Recalls.se(v.at20()), mean(v.at50()), Recalls.se(v.at50()),
                    mean(v.at50()) - mean(hand.at50()), Recalls.se(minus(v.at50(), hand.at50())));
        }
        System.out.printf("Best L2 %s; groups dropped: %s%nChosen weights:%n", bestL2, dropped);
        for (int k = 0; k < PartnerFeatures.COUNT; k++) {
            if (chosen.weight(k) != 0) {
                System.out.printf("  %-30s %.5f%n", PartnerFeatures.NAMES.get(k), chosen.weight(k));
            }
        }
        write(chosen, kept, bestL2, dropped, training.size(), validation.size(), rows.size(),
                figures.get("chosen"), hand);
        System.out.printf("Wrote %s in %.0f s%n", ARTEFACT, (System.nanoTime() - started) / 1e9);
    }

    /** Every organisation's features for the case (collaboration from the hand-set seeds), null for non-candidates. */
    static double[][] features(PartnerPool pool, PartnerRelevance r) {
        int n = pool.organisations.size();
        double[][] f = new double[n][];
        PartnerRanker hand = PartnerRanker.handSet();
        PartnerRanker.Heap seeds = new PartnerRanker.Heap(PartnerRanker.SEEDS);
        boolean[] evidence = new boolean[n];
        double[][] all = new double[n][];
        for (int o = 0; o < n; o++) {
            all[o] = new double[PartnerFeatures.COUNT];
            PartnerFeatures.of(pool, r, o, all[o]);
            evidence[o] = PartnerFeatures.evidence(all[o]);
            if (evidence[o]) {
                seeds.offer(o, hand.firstStage(all[o]));
            }
        }
        double[] collaboration = PartnerRanker.collaboration(pool, seeds.best());
        for (int o = 0; o < n; o++) {
            if (evidence[o] || collaboration[o] > 0) {
                all[o][PartnerFeatures.COLLABORATION] = collaboration[o];
                f[o] = all[o];
            }
        }
        return f;
    }

    /** A ranker over the named features, learned on standardised differences and brought back to raw scale. */
    static PartnerRanker learn(List<double[]> rows, List<Double> rowWeights, double[] scale, List<String> names,
                               double l2) {
        int[] columns = names.stream().mapToInt(PartnerFeatures.NAMES::indexOf).toArray();
        double[][] x = new double[rows.size()][columns.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                x[i][j] = rows.get(i)[columns[j]] / scale[columns[j]];
            }
        }
        double[] w = PairwiseLogistic.fit(x, rowWeights.stream().mapToDouble(Double::doubleValue).toArray(), l2);
        double[] weights = new double[PartnerFeatures.COUNT];
        for (int j = 0; j < columns.length; j++) {
            weights[columns[j]] = w[j] / scale[columns[j]];
        }
        return new PartnerRanker(weights, PartnerRanker.Origin.LEARNED);
    }

    /** Each ranker end to end on each validation topic. */
    Map<String, Recalls> evaluate(CordisHistory history, float[] vectors, TextEmbedder embedder,
                                  List<String> topics, Map<String, PartnerRanker> rankers) {
        Map<String, Recalls> out = new LinkedHashMap<>();
        rankers.keySet().forEach(k -> out.put(k, new Recalls(new double[topics.size()], new double[topics.size()])));
        for (int t = 0; t < topics.size(); t++) {
            CordisHistory.Case c = history.hide(topics.get(t), vectors, p -> true);
            CallVectors cv = callVectors(embedder, c);
            PartnerRelevance r = PartnerRelevance.of(c.pool(), topics.get(t), cv.text(), cv.title());
            for (Map.Entry<String, PartnerRanker> e : rankers.entrySet()) {
                double[] found = recall(e.getValue(), c.pool(), r, c.participants());
                out.get(e.getKey()).at20()[t] = found[0];
                out.get(e.getKey()).at50()[t] = found[1];
            }
        }
        return out;
    }

    /** The share of the participants among the first 20 and the first 50. */
    static double[] recall(PartnerRanker ranker, PartnerPool pool, PartnerRelevance r, Set<String> participants) {
        int[] top = ranker.rank(pool, r, null, null, null, 50).organisations();
        int at20 = 0;
        int at50 = 0;
        for (int i = 0; i < top.length; i++) {
            if (participants.contains(pool.organisations.get(top[i]).pic())) {
                at50++;
                at20 += i < 20 ? 1 : 0;
            }
        }
        return new double[]{(double) at20 / participants.size(), (double) at50 / participants.size()};
    }

    CallVectors callVectors(TextEmbedder embedder, CordisHistory.Case c) {
        return callVectors.computeIfAbsent(c.call().identifier(), id -> new CallVectors(
                embedder.embed(CallText.vectorText(c.call())),
                c.call().title() == null || c.call().title().isBlank() ? null : embedder.embed(c.call().title().strip())));
    }

    private void write(PartnerRanker chosen, List<String> kept, double l2, List<String> dropped, int trainingTopics,
                       int validationTopics, int pairs, Recalls learned, Recalls hand) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", PartnerRanker.FORMAT);
        root.put("model", "linear score over per-(call, organisation) features; collaboration from the best "
                + PartnerRanker.SEEDS + " first-stage organisations");
        root.put("features", kept);
        root.put("weights", kept.stream().map(n -> chosen.weight(PartnerFeatures.NAMES.indexOf(n))).toList());
        Map<String, Object> made = new LinkedHashMap<>();
        made.put("command", COMMAND);
        made.put("date", LocalDate.now().toString());
        made.put("data", List.of(
                Map.of("file", CordisHistory.CALLS.toString(), "sha256", sha256(CordisHistory.CALLS)),
                Map.of("file", CordisHistory.BUNDLE.toString(), "sha256", sha256(CordisHistory.BUNDLE))));
        made.put("method", "pairwise logistic regression (participant vs non-participant of a hidden topic), "
                + "features standardised, L2 and feature groups chosen on validation");
        made.put("split", "eu.callmatch.training.TopicSplit: one topic in 5 validates");
        made.put("training_topics", trainingTopics);
        made.put("validation_topics", validationTopics);
        made.put("training_pairs", pairs);
        made.put("l2", l2);
        made.put("groups_dropped", dropped);
        made.put("validation", Map.of(
                "learned", figures(learned),
                "hand_set", figures(hand)));
        root.put("made", made);
        Files.createDirectories(ARTEFACT.getParent());
        Files.writeString(ARTEFACT, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(root) + "\n");
    }

    private static Map<String, Object> figures(Recalls r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recall_at_20", round(mean(r.at20())));
        m.put("recall_at_20_se", round(Recalls.se(r.at20())));
        m.put("recall_at_50", round(mean(r.at50())));
        m.put("recall_at_50_se", round(Recalls.se(r.at50())));
        return m;
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
