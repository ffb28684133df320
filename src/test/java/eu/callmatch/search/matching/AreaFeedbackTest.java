package eu.callmatch.search.matching;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pseudo-relevance feedback on the work-programme structure of the best matches. */
class AreaFeedbackTest {

    @Test
    void segmentsSkipYearsAndSharedCountsLeadingSegments() {
        assertEquals(List.of("HORIZON", "CL9", "AB", "01", "07"), TopicCodes.segments("horizon-cl9-2030-AB-01-07"));
        assertEquals(4, TopicCodes.shared(TopicCodes.segments("HORIZON-CL9-2030-AB-01-07"),
                TopicCodes.segments("HORIZON-CL9-2032-AB-01-02")));
        assertEquals(1, TopicCodes.shared(TopicCodes.segments("HORIZON-CL9-2030-AB-01-07"),
                TopicCodes.segments("HORIZON-CL7-2030-AB-01-07")));
        assertEquals("HORIZON-CL9-AB", TopicCodes.prefix(TopicCodes.segments("HORIZON-CL9-2030-AB-01-07"), 3));
    }

    /** A ranking by the normalised cosine alone, plus the area feature at the given weight. */
    private static CallRanker ranker(double areaWeight) {
        double[] w = new double[CallRanker.FEATURES.size()];
        w[CallRanker.DENSE] = 1;
        w[CallRanker.AREA] = areaWeight;
        return new CallRanker(w, "test");
    }

    private static double[][] rows(double... dense) {
        double[][] rows = new double[dense.length][CallRanker.FEATURES.size()];
        for (int i = 0; i < dense.length; i++) {
            rows[i][CallRanker.DENSE] = dense[i];
        }
        return rows;
    }

    @Test
    void aCallInTheAreaOfTheBestMatchesOvertakesAnUnrelatedOne() {
        String[] ids = {"HORIZON-CL9-2030-AB-01-01", "HORIZON-CL1-2030-QQ-01-01", "HORIZON-CL2-2030-RR-01-01",
                "HORIZON-CL3-2030-SS-01-01", "HORIZON-CL4-2030-TT-01-01", "HORIZON-CL9-2032-AB-02-03",
                "HORIZON-CL7-2032-XY-01-01"};
        double[][] rows = rows(0.9, 0.6, 0.6, 0.6, 0.6, 0.50, 0.52);
        CallRanker ranker = ranker(0.2);

        String[] areas = CallMatcher.area(ids, rows, ranker);

        assertEquals(3 / 3.0 / 5, rows[5][CallRanker.AREA], 1e-9,
                "programme, cluster and destination shared with one of the five best");
        assertEquals(0, rows[6][CallRanker.AREA], "no shared area");
        assertTrue(ranker.score(rows[5], true) > ranker.score(rows[6], true),
                "the call in the best match's destination comes first");
        assertEquals("HORIZON-CL9-AB", areas[5]);
        assertNull(areas[6]);
        assertNull(areas[0], "the best match shares no area with the other four best");
    }

    @Test
    void fewerCandidatesThanFeedbackCallsIsFine() {
        double[][] rows = rows(0.4);
        String[] areas = CallMatcher.area(new String[]{"NOT-A-TOPIC-CODE"}, rows, ranker(0.2));
        assertEquals(0, rows[0][CallRanker.AREA], "sharing an area with itself is no evidence");
        assertNull(areas[0], "sharing an area with itself is no reason");
        assertEquals(0, CallMatcher.area(new String[0], new double[0][], ranker(0.2)).length);
    }
}
