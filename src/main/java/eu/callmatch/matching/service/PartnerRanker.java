package eu.callmatch.matching.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.organisations.OrganisationDto;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the pool's organisations for a call: a weighted sum of their {@link PartnerFeatures}, in two stages.
 * <ol>
 * <li>Every feature but collaboration. The candidates are the organisations with some evidence (a past project close
 * to the call or in its work-programme area).</li>
 * <li>Collaboration: consortia re-form, so an organisation that worked with the call's best first-stage organisations
 * (the first {@link #SEEDS}) is a likelier partner. What each receives ({@link PartnerFeatures#collaboration}) is
 * divided by the most any organisation receives, so the feature is 0 to 1 whatever the scale of the first stage, and
 * weighed like any other feature (the hand-set ranking weighs it against the best first-stage score instead). An
 * organisation may enter through this stage alone.</li>
 * </ol>
 * The weights are learned from the pool's own history (which organisations took part in the topics that are calls;
 * see {@code PartnerRankerTraining}) and read from {@link #RESOURCE}; without that file the hand-set weights of
 * {@link #handSet()} rank. Pure: no state beyond the weights, the same inputs give the same order (ties: the
 * organisation listed first in the pool first).
 */
final class PartnerRanker {

    /** The learned weights, on the class path. */
    static final String RESOURCE = "matching/partner-ranker.json";
    /** The artefact's format this code reads. */
    static final int FORMAT = 1;
    /** How many of the best first-stage organisations pass on their score to their past partners. */
    static final int SEEDS = 50;

    enum Origin { LEARNED, HAND_SET }

    private final double[] weights;
    private final Origin origin;
    /** The collaboration weight is a share of the call's best first-stage score (the hand-set ranking). */
    private final boolean collaborationScaledToBest;

    PartnerRanker(double[] weights, Origin origin) {
        this(weights, origin, false);
    }

    private PartnerRanker(double[] weights, Origin origin, boolean collaborationScaledToBest) {
        if (weights.length != PartnerFeatures.COUNT) {
            throw new IllegalArgumentException("Expected " + PartnerFeatures.COUNT + " weights, got " + weights.length);
        }
        this.weights = weights.clone();
        this.origin = origin;
        this.collaborationScaledToBest = collaborationScaledToBest;
    }

    /**
     * The weights set by hand before any were learned: the similarity above the floor in both views, half the
     * topic share, a small prior for experience, and collaboration at a fifth of the best first-stage score.
     */
    static PartnerRanker handSet() {
        return new PartnerRanker(of(Map.of("similarity", 1.0, "title_similarity", 1.0, "topic", 0.5, "activity", 0.1,
                "collaboration", 0.2), Origin.HAND_SET).weights, Origin.HAND_SET, true);
    }

    /** Weights by feature name; features not named weigh 0. */
    static PartnerRanker of(Map<String, Double> byName, Origin origin) {
        double[] w = new double[PartnerFeatures.COUNT];
        byName.forEach((name, weight) -> {
            int i = PartnerFeatures.NAMES.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("Unknown partner feature: " + name);
            }
            w[i] = weight;
        });
        return new PartnerRanker(w, origin);
    }

    /**
     * The learned ranker from the artefact: {@code {"format": 1, "features": [names], "weights": [numbers], ...}}.
     *
     * @throws IllegalArgumentException when the file is of another format or names a feature this code lacks
     */
    static PartnerRanker read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || root.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("Not a partner ranker of format " + FORMAT);
        }
        JsonNode names = root.path("features");
        JsonNode values = root.path("weights");
        if (!names.isArray() || !values.isArray() || names.size() != values.size()) {
            throw new IllegalArgumentException("The features and weights of the partner ranker do not match");
        }
        Map<String, Double> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i).asText(), values.get(i).asDouble());
        }
        return of(byName, Origin.LEARNED);
    }

    Origin origin() {
        return origin;
    }

    double weight(int feature) {
        return weights[feature];
    }

    /** The first-stage score: every feature but collaboration. */
    double firstStage(double[] features) {
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            if (i != PartnerFeatures.COLLABORATION) {
                s += weights[i] * features[i];
            }
        }
        return s;
    }

    /**
     * The best organisations (indexes into the pool) with their scores, best first, how many were ranked, and which
     * organisations passed their score on to their partners (for the reasons).
     */
    record Top(int[] organisations, double[] scores, long total, Set<Integer> seeds) {
    }

    Top rank(PartnerPool p, PartnerRelevance r, String excludedPic, String country, OrganisationType type, int limit) {
        int n = p.organisations.size();
        double[] first = new double[n];
        boolean[] candidate = new boolean[n];
        double[] features = new double[PartnerFeatures.COUNT];
        // the seeds are the best first-stage organisations, whoever they are: the filters apply to the result only
        Heap seeds = new Heap(SEEDS);
        for (int o = 0; o < n; o++) {
            // most organisations did nothing like the call: their features are read only if a partner names them
            if (!r.evidence(p.projectsOf[o])) {
                continue;
            }
            PartnerFeatures.of(p, r, o, features);
            first[o] = firstStage(features);
            candidate[o] = true;
            seeds.offer(o, first[o]);
        }
        Heap.Best best = seeds.best();
        double[] collaboration = collaboration(p, best);
        double weight = weights[PartnerFeatures.COLLABORATION]
                * (collaborationScaledToBest && best.scores().length > 0 ? best.scores()[0] : 1);
        Heap heap = new Heap(limit);
        long ranked = 0;
        for (int o = 0; o < n; o++) {
            if (!candidate[o] && collaboration[o] <= 0) {
                continue;
            }
            OrganisationDto org = p.organisations.get(o);
            if ((country != null && !country.equals(org.country())) || (type != null && type != org.organisationType())
                    || (excludedPic != null && excludedPic.equals(org.pic()))) {
                continue;
            }
            if (!candidate[o]) {
                PartnerFeatures.of(p, r, o, features);
                first[o] = firstStage(features);
            }
            ranked++;
            heap.offer(o, first[o] + weight * collaboration[o]);
        }
        Heap.Best top = heap.best();
        Set<Integer> seedSet = new HashSet<>();
        for (int o : best.organisations()) {
            seedSet.add(o);
        }
        return new Top(top.organisations(), top.scores(), ranked, seedSet);
    }

    /** The collaboration feature of every organisation given the seeds: what it received, over the most received. */
    static double[] collaboration(PartnerPool p, Heap.Best seeds) {
        double[] received = PartnerFeatures.collaboration(p, seeds.organisations(), seeds.scores());
        double most = 0;
        for (double c : received) {
            most = Math.max(most, c);
        }
        for (int o = 0; most > 0 && o < received.length; o++) {
            received[o] /= most;
        }
        return received;
    }

    /** A bounded min-heap of (organisation, score): keeps the best {@code capacity} offered. */
    static final class Heap {

        /** The kept organisations and their scores, best first (ties: lower index first). */
        record Best(int[] organisations, double[] scores) {
        }

        private final int[] org;
        private final double[] score;
        private final int capacity;
        private int size;

        Heap(int capacity) {
            this.capacity = capacity;
            this.org = new int[Math.max(1, capacity)];
            this.score = new double[Math.max(1, capacity)];
        }

        /** Offered in increasing index order, a tie with the weakest kept keeps the kept (lower index) one. */
        void offer(int o, double s) {
            if (size < capacity) {
                org[size] = o;
                score[size] = s;
                siftUp(size++);
            } else if (capacity > 0 && s > score[0]) {
                org[0] = o;
                score[0] = s;
                siftDown();
            }
        }

        Best best() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed()
                    .thenComparingInt(i -> org[i]));
            int[] orgs = new int[size];
            double[] scores = new double[size];
            for (int i = 0; i < size; i++) {
                orgs[i] = org[order[i]];
                scores[i] = score[order[i]];
            }
            return new Best(orgs, scores);
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (score[parent] <= score[i]) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown() {
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                int smallest = i;
                if (l < size && score[l] < score[smallest]) {
                    smallest = l;
                }
                if (l + 1 < size && score[l + 1] < score[smallest]) {
                    smallest = l + 1;
                }
                if (smallest == i) {
                    return;
                }
                swap(i, smallest);
                i = smallest;
            }
        }

        private void swap(int a, int b) {
            int o = org[a];
            org[a] = org[b];
            org[b] = o;
            double s = score[a];
            score[a] = score[b];
            score[b] = s;
        }
    }
}
