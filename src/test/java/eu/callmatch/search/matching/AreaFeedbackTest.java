package eu.callmatch.search.matching;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    @Test
    void aCallInTheAreaOfTheBestMatchesOvertakesAnUnrelatedOne() {
        Map<Integer, String> ids = Map.of(0, "HORIZON-CL9-2030-AB-01-01", 1, "HORIZON-CL1-2030-QQ-01-01",
                2, "HORIZON-CL2-2030-RR-01-01", 3, "HORIZON-CL3-2030-SS-01-01", 4, "HORIZON-CL4-2030-TT-01-01",
                5, "HORIZON-CL9-2032-AB-02-03", 6, "HORIZON-CL7-2032-XY-01-01");
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(List.of(entry(0, 0.9), entry(1, 0.6), entry(2, 0.6),
                entry(3, 0.6), entry(4, 0.6), entry(6, 0.52), entry(5, 0.50)));

        Map<Integer, String> areas = CallMatcher.areaFeedback(ranked, ids);

        double five = score(ranked, 5);
        double six = score(ranked, 6);
        assertTrue(five > six, "the call in the best match's destination comes first: " + five + " vs " + six);
        assertEquals(0.52, six, 1e-9, "no shared area, no change");
        assertEquals("HORIZON-CL9-AB", areas.get(5));
        assertNull(areas.get(6));
        // the best match is in its own area: it keeps its lead
        assertTrue(score(ranked, 0) > score(ranked, 5));
    }

    @Test
    void fewerCandidatesThanFeedbackCallsIsFine() {
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(List.of(entry(0, 0.4)));
        Map<Integer, String> areas = CallMatcher.areaFeedback(ranked, Map.of(0, "NOT-A-TOPIC-CODE"));
        assertTrue(score(ranked, 0) > 0.4);
        assertNull(areas.get(0), "sharing an area with itself is no reason");
        assertTrue(CallMatcher.areaFeedback(new ArrayList<>(), Map.of()).isEmpty());
    }

    private static Map.Entry<Integer, Double> entry(int doc, double score) {
        return new SimpleEntry<>(doc, score);
    }

    private static double score(List<Map.Entry<Integer, Double>> ranked, int doc) {
        return ranked.stream().filter(e -> e.getKey() == doc).findFirst().orElseThrow().getValue();
    }
}
