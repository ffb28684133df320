package eu.callmatch.search.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * How a call's features for a profile become one score: a linear model over the features of {@link #FEATURES},
 * learned from the public training material (see {@code CallRankerTraining} and the README's Matching section) and
 * loaded from {@value #RESOURCE}, or the hand-set fusion the service had before, where the file is missing or off.
 * The ranking uses the linear score; {@link #display} puts it on a 0-1 scale for people and thresholds.
 *
 * @param weights one weight per feature of {@link #FEATURES}
 * @param source  where the weights come from, for the log and the tests
 */
public record CallRanker(double[] weights, String source) {

    private static final Logger LOG = Logger.getLogger(CallRanker.class);

    /** The learned weights, on the classpath. */
    public static final String RESOURCE = "matching/call-ranker.json";
    public static final int FORMAT = 1;

    /** The profile's cosine with the call, min-max normalised over the candidates (0 without vectors). */
    public static final int DENSE = 0;
    /** The same cosine, as it is: how close the best candidates really are. */
    public static final int COSINE = 1;
    /** BM25 of the profile's key terms in a field, divided by the field's best score among the candidates. */
    public static final int TITLE = 2;
    public static final int KEYWORDS = 3;
    public static final int DESTINATION = 4;
    public static final int DESCRIPTION = 5;
    /** How much of its work-programme path the call shares with the other best-scored calls (pseudo-feedback). */
    public static final int AREA = 6;
    /** The member's record: the deepest share of path with a topic it took part in (0 without a record). */
    public static final int OWN_AREA = 7;
    /** The member took part in this very topic. */
    public static final int OWN_TOPIC = 8;
    /** The member's partners: the mean share of path over the topics they took part in elsewhere. */
    public static final int PARTNER_AREA = 9;
    /** The call's type of action: research and innovation, innovation, coordination and support (else 0). */
    public static final int RESEARCH = 10;
    public static final int INNOVATION = 11;
    public static final int COORDINATION = 12;
    /**
     * The member's record: the share of its own participations (whose type of action is known) in the call's type of
     * action; 0 without a record or where either type is unknown.
     */
    public static final int OWN_ACTION = 13;

    public static final List<String> FEATURES = List.of("dense", "cosine", "title", "keywords", "destination",
            "description", "area", "ownArea", "ownTopic", "partnerArea", "research", "innovation",
            "coordination", "ownAction");

    /**
     * The fusion set by hand before anything was learned: 0.7 of the normalised cosine and 0.3 of the lexical score
     * (title 1, the other fields 0.1 each, over their sum), plus a fifth of the area share; no record.
     */
    public static final CallRanker UNLEARNED = new CallRanker(
            new double[]{0.7, 0, 0.3 / 1.3, 0.03 / 1.3, 0.03 / 1.3, 0.03 / 1.3, 0.2, 0, 0, 0, 0, 0, 0, 0}, "hand-set");

    public CallRanker {
        if (weights.length != FEATURES.size()) {
            throw new IllegalArgumentException("a call ranker needs " + FEATURES.size() + " weights, not "
                    + weights.length);
        }
        weights = weights.clone();
    }

    /** The linear score of one candidate, with or without its {@link #AREA} feature. */
    public double score(double[] features, boolean withArea) {
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            if (withArea || i != AREA) {
                s += weights[i] * features[i];
            }
        }
        return s;
    }

    /** The features a profile can have evidence for: the record's only with a record, the cosines only with vectors. */
    private static boolean available(int feature, boolean dense, boolean record) {
        return switch (feature) {
            case DENSE, COSINE -> dense;
            case OWN_AREA, OWN_TOPIC, PARTNER_AREA, OWN_ACTION -> record;
            case AREA -> false; // a bonus on top, as the hand-set fusion had it
            default -> true;
        };
    }

    /**
     * A score for people and thresholds (alerts' {@code min-score}), 0 to 1, in the order of the linear score: the
     * linear score over the most a candidate could reach on the features this profile can have evidence for (each
     * feature is at most 1), capped at 1. With the hand-set weights and vectors that most is 1: the score is the
     * fusion's own.
     */
    public double display(double score, boolean dense, boolean record) {
        double most = 0;
        for (int i = 0; i < weights.length; i++) {
            if (available(i, dense, record)) {
                most += Math.max(0, weights[i]);
            }
        }
        return most <= 0 ? 0 : Math.max(0, Math.min(1, score / most));
    }

    /** The learned ranker of {@value #RESOURCE}, or {@link #UNLEARNED} (logged) where it is missing or unreadable. */
    public static CallRanker learned() {
        return Learned.RANKER;
    }

    /** Read once, when first asked for. */
    private static final class Learned {
        static final CallRanker RANKER = load();
    }

    private static CallRanker load() {
        try (InputStream in = CallRanker.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.warnf("No learned call ranking (%s): calls are ranked by the hand-set fusion", RESOURCE);
                return UNLEARNED;
            }
            return read(new ObjectMapper().readTree(in), RESOURCE);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("The learned call ranking %s cannot be read (%s): calls are ranked by the hand-set fusion",
                    RESOURCE, e.getMessage());
            return UNLEARNED;
        }
    }

    /** Reads the weights of a ranker file: its features must be this code's, by name and in order. */
    public static CallRanker read(JsonNode file, String source) {
        if (file.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("format " + file.path("format") + ", expected " + FORMAT);
        }
        JsonNode names = file.path("features");
        JsonNode values = file.path("weights");
        if (names.size() != FEATURES.size() || values.size() != FEATURES.size()) {
            throw new IllegalArgumentException("expected the features " + FEATURES);
        }
        double[] weights = new double[FEATURES.size()];
        for (int i = 0; i < weights.length; i++) {
            if (!FEATURES.get(i).equals(names.get(i).asText()) || !values.get(i).isNumber()) {
                throw new IllegalArgumentException("expected the features " + FEATURES + " with a number each");
            }
            weights[i] = values.get(i).asDouble();
        }
        return new CallRanker(weights, source);
    }
}
