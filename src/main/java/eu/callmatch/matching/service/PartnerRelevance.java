package eu.callmatch.matching.service;

import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.matching.TopicCodes;

import java.util.List;

/**
 * How each project of the pool bears on one call: its cosine with the call's whole text and with the call's title
 * alone (the call's sharpest statement of its subject, which its whole text, description and destination included,
 * blurs), how many leading work-programme segments its topic shares with the call's, and per view the cosine below
 * which a project says nothing about the call.
 *
 * <p>The floor is the larger of {@link #SIMILARITY_FLOOR} and the cosine that only the call's closest
 * {@link #CLOSE_SHARE} of the pool's projects reach: a call worded like many projects would otherwise credit every
 * organisation with a little of everything.
 */
record PartnerRelevance(double[] cos, double[] titleCos, int[] shared, double[] topic, double floor,
                        double titleFloor) {

    /** Below this cosine a past project says nothing about the call. */
    static final double SIMILARITY_FLOOR = 0.3;
    /** The share of the pool's projects closest to the call whose similarity counts. */
    static final double CLOSE_SHARE = 0.01;
    /** In a small pool a share says little: at least this many projects may count. */
    static final int CLOSE_AT_LEAST = 50;

    /**
     * Whether any of these projects says something of the call: a cosine above its view's floor or a share of the
     * call's work-programme path. The same test as {@link PartnerFeatures#evidence}, without computing the features.
     */
    boolean evidence(int[] projects) {
        for (int j : projects) {
            if (cos[j] > floor || titleCos[j] > titleFloor || topic[j] > 0) {
                return true;
            }
        }
        return false;
    }

    /** The project's closeness to the call in the nearer of the two views (for the reasons). */
    double closeness(int j) {
        return Math.max(cos[j], titleCos[j]);
    }

    /** Without a title vector: the call's whole text is its only view. */
    static PartnerRelevance of(PartnerPool p, String callIdentifier, float[] callVector) {
        return of(p, callIdentifier, callVector, null);
    }

    static PartnerRelevance of(PartnerPool p, String callIdentifier, float[] callVector, float[] titleVector) {
        int n = p.projects.size();
        double[] cos = new double[n];
        double[] titleCos = new double[n];
        boolean dense = callVector != null && p.hasVectors();
        boolean titled = dense && titleVector != null;
        if (titled) {
            cosines(p.vectors, n, callVector, titleVector, cos, titleCos);
        } else if (dense) {
            for (int i = 0; i < n; i++) {
                cos[i] = TextEmbedder.dot(p.vectors, i * TextEmbedder.DIMENSIONS, callVector);
            }
        }
        List<String> callSegments = TopicCodes.segments(callIdentifier);
        int[] sharedByTopic = new int[p.topics.size()];
        for (int t = 0; t < sharedByTopic.length; t++) {
            sharedByTopic[t] = TopicCodes.shared(p.topics.get(t), callSegments);
        }
        int[] shared = new int[n];
        double[] topic = new double[n];
        for (int i = 0; i < n; i++) {
            shared[i] = p.topicOf[i] < 0 ? 0 : sharedByTopic[p.topicOf[i]];
            topic[i] = topicSimilarity(shared[i], callSegments.size());
        }
        long close = Math.max(CLOSE_AT_LEAST, (long) Math.ceil(CLOSE_SHARE * n));
        return new PartnerRelevance(cos, titleCos, shared, topic,
                dense ? Math.max(SIMILARITY_FLOOR, lowestOfBest(cos, close)) : Double.POSITIVE_INFINITY,
                titled ? Math.max(SIMILARITY_FLOOR, lowestOfBest(titleCos, close)) : Double.POSITIVE_INFINITY);
    }

    /**
     * How far a past project's topic shares the call's work-programme path, 0 to 1: HORIZON-CL5-2022-D6-01-08 and
     * HORIZON-CL5-2023-D6-01-03 share programme, cluster and destination. Years are skipped: destinations recur.
     */
    static double topicSimilarity(String projectTopic, String callIdentifier) {
        if (projectTopic == null || callIdentifier == null) {
            return 0;
        }
        List<String> call = TopicCodes.segments(callIdentifier);
        return topicSimilarity(TopicCodes.shared(TopicCodes.segments(projectTopic), call), call.size());
    }

    private static double topicSimilarity(int shared, int callSegments) {
        return shared < 2 ? 0 : (shared - 1.0) / (Math.max(callSegments, 2) - 1.0);
    }

    /**
     * The cosines of each of the first {@code n} vectors in {@code all} with {@code a} and with {@code b}, in one pass:
     * this is the hot spot of partner matching (a pool of 100,000 projects is 150 MB of vectors), so each vector is
     * read once, and the eight running sums (four per view) keep both of the processor's adders busy where one view's
     * four would leave half of them idle.
     */
    static void cosines(float[] all, int n, float[] a, float[] b, double[] outA, double[] outB) {
        int d = TextEmbedder.DIMENSIONS;
        for (int i = 0; i < n; i++) {
            int at = i * d;
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            float b0 = 0;
            float b1 = 0;
            float b2 = 0;
            float b3 = 0;
            for (int k = 0; k < d; k += 4) { // DIMENSIONS is a multiple of 4
                float x0 = all[at + k];
                float x1 = all[at + k + 1];
                float x2 = all[at + k + 2];
                float x3 = all[at + k + 3];
                a0 += x0 * a[k];
                a1 += x1 * a[k + 1];
                a2 += x2 * a[k + 2];
                a3 += x3 * a[k + 3];
                b0 += x0 * b[k];
                b1 += x1 * b[k + 1];
                b2 += x2 * b[k + 2];
                b3 += x3 * b[k + 3];
            }
            outA[i] = a0 + a1 + a2 + a3;
            outB[i] = b0 + b1 + b2 + b3;
        }
    }

    /**
     * About the lowest of the {@code count} largest values in [-1, 1] (to a 1/1000), from a histogram: one pass, no
     * sort; -1 when there are fewer values.
     */
    static double lowestOfBest(double[] values, long count) {
        int bins = 2000;
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, Math.max(0, (int) ((v + 1) / 2 * bins)))]++;
        }
        long above = 0;
        for (int b = bins - 1; b >= 0; b--) {
            above += counts[b];
            if (above >= count) {
                return 2.0 * b / bins - 1;
            }
        }
        return -1;
    }

}
