package eu.callmatch.matching.service;

import eu.callmatch.matching.CallMatchDto;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ranking's feedback from decisions, on hand-made vectors. */
class FeedbackRankingTest {

    static CallMatchDto match(String id, double score) {
        return new CallMatchDto(new CallMatchDto.CallSummary(id, id, null, null, null, null, null, null, null), score,
                List.of("profile terms in the title: 'wind'"));
    }

    /** A unit vector at this angle (degrees) in a plane: cosines are easy to read. */
    static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[]{(float) Math.cos(r), (float) Math.sin(r), 0};
    }

    /** A unit vector in the third dimension, tilted by this angle (degrees) towards the second: apart from at(0). */
    static float[] apart(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[]{0, (float) Math.sin(r), (float) Math.cos(r)};
    }

    @Test
    void closeToAKeptCallGainsCloseToADismissedOneLosesFarOnesStay() {
        Map<String, float[]> vectors = Map.of("KEPT", at(0), "NEAR-KEPT", at(25), "DISMISSED", apart(0),
                "NEAR-DISMISSED", apart(10), "FAR", at(180));
        MatchFeedback feedback = new MatchFeedback(List.of(new MatchFeedback.Judged("KEPT", true, "shortlisted"),
                new MatchFeedback.Judged("DISMISSED", false, "dismissed as not relevant")));
        List<CallMatchDto> out = FeedbackRanking.apply(List.of(match("NEAR-KEPT", 0.5), match("NEAR-DISMISSED", 0.5),
                match("FAR", 0.5), match("DISMISSED", 0.5), match("KEPT", 0.5)), feedback, vectors);

        double cos25 = Math.cos(Math.toRadians(25));
        assertEquals(0.5 + FeedbackRanking.UP * (cos25 - FeedbackRanking.FLOOR) / (1 - FeedbackRanking.FLOOR),
                out.get(0).score(), 1e-4);
        assertEquals("ranked up: similar to KEPT you shortlisted (similarity 0.91)", out.get(0).reasons().get(1));
        assertTrue(out.get(1).score() < 0.5);
        assertEquals("ranked down: similar to DISMISSED you dismissed as not relevant (similarity 0.98)",
                out.get(1).reasons().get(1));
        assertEquals(0.5, out.get(2).score());
        assertEquals(1, out.get(2).reasons().size());
        assertEquals(0.5 - FeedbackRanking.DOWN, out.get(3).score(), 1e-4);
        assertEquals("ranked down: a call you dismissed as not relevant", out.get(3).reasons().get(1));
        assertEquals(0.5 + FeedbackRanking.UP, out.get(4).score(), 1e-4);
    }

    @Test
    void withoutVectorsNothingMoves() {
        List<CallMatchDto> items = List.of(match("A", 0.7));
        MatchFeedback feedback = new MatchFeedback(List.of(new MatchFeedback.Judged("B", true, "shortlisted")));
        assertSame(items, FeedbackRanking.apply(items, feedback, Map.of("A", at(0))));
        assertEquals(0.7, FeedbackRanking.apply(items, feedback, Map.of("B", at(0))).get(0).score());
    }

    @Test
    void aScoreNeverGoesBelowZero() {
        MatchFeedback feedback = new MatchFeedback(List.of(new MatchFeedback.Judged("A", false, "dismissed")));
        assertEquals(0.0, FeedbackRanking.apply(List.of(match("A", 0.1)), feedback, Map.of("A", at(0))).get(0).score());
    }
}
