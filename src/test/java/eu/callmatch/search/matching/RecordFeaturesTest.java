package eu.callmatch.search.matching;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a member's record says of a call, from the work-programme identifiers alone. */
class RecordFeaturesTest {

    static final MemberRecord RECORD = new MemberRecord(
            List.of(new MemberRecord.Participation("HORIZON-CL5-2022-D3-01-02", "SUNCELL"),
                    new MemberRecord.Participation("HORIZON-CL6-2021-FARM2FORK-01-01", "AGRIBOT")),
            List.of(new MemberRecord.Participation("HORIZON-CL5-2023-D3-02-01", "SUNCELL"),
                    new MemberRecord.Participation("HORIZON-CL5-2024-D3-01-07", "SUNCELL"),
                    new MemberRecord.Participation("HORIZON-CL4-2023-DIGITAL-01-01", "AGRIBOT"),
                    new MemberRecord.Participation("LIFE-2023-SAP-ENV", "AGRIBOT")));

    private static double[] features() {
        return new double[CallRanker.FEATURES.size()];
    }

    @Test
    void aCallInTheDestinationOfAPastProjectAndOfThePartnersScoresAndSaysWhy() {
        double[] x = features();
        CallMatch.RecordEvidence why = new RecordFeatures(RECORD).score("HORIZON-CL5-2025-D3-01-04",
                TopicCodes.segments("HORIZON-CL5-2025-D3-01-04"), x);

        assertEquals(1, x[CallRanker.OWN_AREA], 1e-9, "programme, cluster and destination shared with SUNCELL's topic");
        assertEquals(0, x[CallRanker.OWN_TOPIC]);
        // two of the partners' four topics share the destination (1 each), one only the programme (0), LIFE nothing
        assertEquals(2 / 4.0, x[CallRanker.PARTNER_AREA], 1e-9);
        assertEquals("SUNCELL", why.ownProject());
        assertEquals("HORIZON-CL5-D3", why.ownArea());
        assertFalse(why.sameTopic());
        assertEquals("SUNCELL", why.partnersProject());
        assertEquals("HORIZON-CL5-D3", why.partnersArea());
        assertEquals(2, why.partnerTopics());
    }

    @Test
    void aClusterInCommonCountsTwoThirdsAndTheSameTopicIsSaid() {
        double[] x = features();
        CallMatch.RecordEvidence why = new RecordFeatures(RECORD).score("HORIZON-CL6-2021-FARM2FORK-01-01",
                TopicCodes.segments("HORIZON-CL6-2021-FARM2FORK-01-01"), x);
        assertEquals(1, x[CallRanker.OWN_TOPIC]);
        assertTrue(why.sameTopic());
        assertEquals("AGRIBOT", why.ownProject());

        double[] y = features();
        CallMatch.RecordEvidence cluster = new RecordFeatures(RECORD).score("HORIZON-CL6-2024-GOVERNANCE-01-03",
                TopicCodes.segments("HORIZON-CL6-2024-GOVERNANCE-01-03"), y);
        assertEquals(2 / 3.0, y[CallRanker.OWN_AREA], 1e-9);
        assertEquals("HORIZON-CL6", cluster.ownArea());
        assertNull(cluster.partnersArea(), "no partner topic in the cluster's destination");
    }

    @Test
    void aCallOutsideTheRecordHasNoFeatureAndNoReason() {
        double[] x = features();
        assertNull(new RecordFeatures(RECORD).score("DIGITAL-2024-AI-06-TEF", TopicCodes.segments("DIGITAL-2024-AI-06-TEF"), x));
        assertEquals(0, x[CallRanker.OWN_AREA]);
        assertEquals(0, x[CallRanker.PARTNER_AREA]);
    }

    @Test
    void theShareOfOwnParticipationsInTheCallsTypeOfActionCountsWhereTheTypesAreKnown() {
        MemberRecord record = new MemberRecord(
                List.of(new MemberRecord.Participation("HORIZON-CL5-2022-D3-01-02", "SUNCELL"),
                        new MemberRecord.Participation("HORIZON-CL6-2021-FARM2FORK-01-01", "AGRIBOT"),
                        new MemberRecord.Participation("HORIZON-CL4-2021-DIGITAL-01-01", "ROBO"),
                        new MemberRecord.Participation("HORIZON-CL4-2022-UNKNOWN-01-01", "GONE")),
                List.of());
        RecordFeatures features = new RecordFeatures(record, java.util.Map.of(
                "HORIZON-CL5-2022-D3-01-02", "HORIZON-IA",
                "HORIZON-CL6-2021-FARM2FORK-01-01", "HORIZON-RIA",
                "HORIZON-CL4-2021-DIGITAL-01-01", "HORIZON-IA"));

        assertEquals(2 / 3.0, features.ownAction("HORIZON-IA"), 1e-9, "two of the three known are innovation actions");
        assertEquals(1 / 3.0, features.ownAction("RIA"), 1e-9, "with or without the programme's prefix");
        assertEquals(0, features.ownAction("HORIZON-CSA"));
        assertEquals(0, features.ownAction(null), "a call of unknown type");
        assertEquals(0, new RecordFeatures(record).ownAction("HORIZON-IA"), "no type of the record known");
    }
}
