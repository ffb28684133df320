package eu.callmatch.search.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learned call ranking is the one the service loads, and it ranks the answers of a small fixed validation sample
 * (real queries of topics the learning did not see, written by {@code CallRankerTraining}) higher than the hand-set
 * fusion does.
 */
class LearnedRankingTest {

    @Test
    void theLearnedRankingIsLoadedAndBeatsTheHandSetOneOnValidationQueries() throws Exception {
        CallRanker learned = CallRanker.learned();
        assertEquals(CallRanker.RESOURCE, learned.source(), "the learned weights are on the classpath and readable");

        JsonNode sample;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("training/call-validation-sample.json")) {
            assertNotNull(in, "the validation sample written by CallRankerTraining");
            sample = new ObjectMapper().readTree(in);
        }
        assertTrue(sample.size() >= 50, "a sample of some size: " + sample.size());
        double learnedMrr = meanReciprocalRank(sample, learned);
        double handSetMrr = meanReciprocalRank(sample, CallRanker.UNLEARNED);
        assertTrue(learnedMrr > handSetMrr, "learned MRR " + learnedMrr + " vs hand-set " + handSetMrr);
    }

    @Test
    void scoresForPeopleAreTheHandSetFusionItselfOrTheLearnedScoreOverItsMost() {
        double[] x = new double[CallRanker.FEATURES.size()];
        x[CallRanker.DENSE] = 0.5;
        x[CallRanker.TITLE] = 1;
        CallRanker handSet = CallRanker.UNLEARNED;
        assertEquals(0.7 * 0.5 + 0.3 / 1.3, handSet.display(handSet.score(x, true), true, false), 1e-9);
        CallRanker learned = CallRanker.learned();
        double s = learned.display(learned.score(x, true), true, false);
        assertTrue(s > 0 && s < 1, "a middling candidate gets a middling score: " + s);
        double[] none = new double[CallRanker.FEATURES.size()];
        assertEquals(0, learned.display(learned.score(none, true), true, true), 1e-9, "no evidence, no score");
    }

    @Test
    void aRankerFileOfOtherFeaturesIsRefused() throws Exception {
        JsonNode file = new ObjectMapper().readTree("""
                {"format": 1, "features": ["dense", "title"], "weights": [0.5, 0.5]}""");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CallRanker.read(file, "test"));
    }

    static double meanReciprocalRank(JsonNode sample, CallRanker ranker) {
        double sum = 0;
        for (JsonNode query : sample) {
            JsonNode candidates = query.get("candidates");
            String[] ids = new String[candidates.size()];
            double[][] rows = new double[candidates.size()][];
            int right = -1;
            for (int i = 0; i < ids.length; i++) {
                ids[i] = candidates.get(i).get("id").asText();
                JsonNode f = candidates.get(i).get("features");
                rows[i] = new double[f.size()];
                for (int j = 0; j < rows[i].length; j++) {
                    rows[i][j] = f.get(j).asDouble();
                }
                if (ids[i].equals(query.get("answer").asText())) {
                    right = i;
                }
            }
            CallMatcher.area(ids, rows, ranker);
            double score = ranker.score(rows[right], true);
            int rank = 1;
            for (int i = 0; i < rows.length; i++) {
                double s = ranker.score(rows[i], true);
                if (s > score || (s == score && ids[i].compareTo(ids[right]) < 0)) {
                    rank++;
                }
            }
            sum += 1.0 / rank;
        }
        return sum / sample.size();
    }
}
