package eu.callmatch.matching.service;

import eu.callmatch.organisations.OrganisationDto;
import eu.callmatch.organisations.service.OrganisationService.PoolParticipation;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static eu.callmatch.matching.service.PartnerRankingTest.axis;
import static eu.callmatch.matching.service.PartnerRankingTest.concat;
import static eu.callmatch.matching.service.PartnerRankingTest.org;
import static eu.callmatch.matching.service.PartnerRankingTest.project;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ranker as a function: features and weights in, scores and an order out. */
class PartnerRankerTest {

    @Test
    void theFirstStageScoreIsTheWeightedSumOfEveryFeatureButCollaboration() {
        PartnerRanker ranker = PartnerRanker.of(Map.of("similarity", 2.0, "activity", -0.5, "collaboration", 9.0),
                PartnerRanker.Origin.LEARNED);
        double[] f = new double[PartnerFeatures.COUNT];
        f[PartnerFeatures.SIMILARITY] = 0.3;
        f[PartnerFeatures.ACTIVITY] = 1.0;
        f[PartnerFeatures.COLLABORATION] = 1.0;
        f[PartnerFeatures.SME] = 1.0; // weighs 0: not named
        assertEquals(2.0 * 0.3 - 0.5, ranker.firstStage(f), 1e-12);
    }

    @Test
    void theArtefactNamesItsFeatures() throws Exception {
        PartnerRanker read = PartnerRanker.read(new ByteArrayInputStream("""
                {"format": 1, "features": ["topic", "sme"], "weights": [0.25, -1.5], "made": {"date": "2026-12-03"}}
                """.getBytes(StandardCharsets.UTF_8)));
        assertEquals(PartnerRanker.Origin.LEARNED, read.origin());
        assertEquals(0.25, read.weight(PartnerFeatures.TOPIC));
        assertEquals(-1.5, read.weight(PartnerFeatures.SME));
        assertEquals(0.0, read.weight(PartnerFeatures.SIMILARITY));
    }

    @Test
    void organisationsRankByScoreAndTiesGoToTheOneListedFirst() {
        // four organisations, each with one project; two of them identical
        List<PoolProject> projects = List.of(project("a", null), project("b", null), project("c", null),
                project("d", null));
        float[] near = axis(0);
        float[] half = axis(1);
        half[0] = 0.6f;
        half[1] = 0.8f;
        PartnerPool pool = PartnerPool.of(projects, List.of(
                        new PoolParticipation("1", "a", "participant"), new PoolParticipation("2", "b", "participant"),
                        new PoolParticipation("3", "c", "participant"), new PoolParticipation("4", "d", "participant")),
                List.<OrganisationDto>of(org("1", "DE"), org("2", "FR"), org("3", "IT"), org("4", "ES")),
                concat(half, near, half, axis(2)));
        PartnerRelevance r = PartnerRelevance.of(pool, null, axis(0));
        PartnerRanker ranker = PartnerRanker.of(Map.of("similarity", 1.0), PartnerRanker.Origin.LEARNED);
        PartnerRanker.Top top = ranker.rank(pool, r, null, null, null, 10);
        assertArrayEquals(new int[]{1, 0, 2}, top.organisations(), "the closest first; 0 and 2 tie, 0 is listed first");
        assertEquals(1.0 - 0.3, top.scores()[0], 1e-6);
        assertEquals(top.scores()[1], top.scores()[2], 1e-12);
        assertEquals(3, top.total(), "the unrelated organisation is no candidate");
        // a negative weight on the closest project turns the order of the first two
        PartnerRanker contrary = PartnerRanker.of(Map.of("similarity", 1.0, "best_similarity", -2.0),
                PartnerRanker.Origin.LEARNED);
        assertArrayEquals(new int[]{0, 2, 1}, contrary.rank(pool, r, null, null, null, 10).organisations());
    }

    @Test
    void collaborationIsZeroToOneForALearnedRankerAndAShareOfTheBestScoreForTheHandSetOne() {
        // organisation 0 did a project close to the call with organisation 1, which did nothing else
        PartnerPool pool = PartnerPool.of(List.of(project("close", null), project("far", null)), List.of(
                        new PoolParticipation("1", "close", "coordinator"), new PoolParticipation("2", "close", "participant"),
                        new PoolParticipation("1", "far", "participant")),
                List.<OrganisationDto>of(org("1", "DE"), org("2", "FR")), concat(axis(0), axis(3)));
        PartnerRelevance r = PartnerRelevance.of(pool, null, axis(0));
        PartnerRanker learned = PartnerRanker.of(Map.of("similarity", 1.0, "collaboration", 0.5),
                PartnerRanker.Origin.LEARNED);
        PartnerRanker.Top top = learned.rank(pool, r, null, null, null, 10);
        assertArrayEquals(new int[]{0, 1}, top.organisations());
        // each passes its score to the other, shared over its projects and damped by the receiver's: organisation 0
        // receives 0.7 / sqrt 2 (the most, so 1), organisation 1 receives 0.7 / 2
        assertEquals(0.7 + 0.5, top.scores()[0], 1e-6);
        assertEquals(0.7 + 0.5 * (0.35 / (0.7 / Math.sqrt(2))), top.scores()[1], 1e-6);
        // hand-set: the first stage has the experience prior, and collaboration weighs 0.2 of the best score
        double first0 = 0.7 + 0.1 * Math.log(3);
        double first1 = 0.7 + 0.1 * Math.log(2);
        double most = first1 / Math.sqrt(2);
        PartnerRanker.Top hand = PartnerRanker.handSet().rank(pool, r, null, null, null, 10);
        assertArrayEquals(new int[]{0, 1}, hand.organisations());
        assertEquals(first0 + 0.2 * first0, hand.scores()[0], 1e-6);
        assertEquals(first1 + 0.2 * first0 * (first0 / 2) / most, hand.scores()[1], 1e-6);
    }
}
