package eu.callmatch.matching.service;

import eu.callmatch.members.OrganisationType;
import eu.callmatch.organisations.OrganisationDto;
import eu.callmatch.organisations.service.OrganisationService.PoolParticipation;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.matching.TextEmbedder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Partner ranking over an in-memory pool, with the hand-set weights: per-participation relevance summed per organisation. */
class PartnerRankingTest {

    static final String CALL = "HORIZON-CL9-2031-AB-01-04";
    static final PartnerRanker HAND_SET = PartnerRanker.handSet();

    @Test
    void aProjectWithoutTitleIsDescribedByItsTopic() {
        PoolProject bare = new PoolProject("1", "BARE", null, null, "HORIZON-CL9-2030-AB-01-01",
                "Floating offshore wind moorings", List.of("wind power", "robotics"), "h");
        assertEquals(List.of("Floating offshore wind moorings"), PartnerPool.texts(bare));
        PoolProject full = new PoolProject("2", "FULL", "Moorwind", "Lighter moorings.", null, null, List.of(), "h");
        assertEquals(List.of("Moorwind. Lighter moorings."), PartnerPool.texts(full));
        PoolProject both = new PoolProject("3", "BOTH", "Moorwind", null, null, "Offshore wind", List.of(), "h");
        assertEquals(List.of("Offshore wind", "Moorwind"), PartnerPool.texts(both));
    }

    @Test
    void organisationsRankBySimilarPastProjectsAndSkipTheExcludedOnes() {
        // three projects: one close to the call, one far but in the call's destination, one unrelated
        List<PoolProject> projects = List.of(
                project("p-close", "HORIZON-CL1-2030-ZZ-01-01"),
                project("p-area", "HORIZON-CL9-2030-AB-01-02"),
                project("p-far", "HORIZON-CL2-2030-YY-01-01"));
        float[] call = axis(0);
        float[] vectors = concat(axis(0), axis(1), axis(2));
        List<OrganisationDto> orgs = List.of(org("100000001", "DE"), org("100000002", "FR"), org("100000003", "PT"),
                org("100000004", "PT"));
        List<PoolParticipation> participations = List.of(
                new PoolParticipation("100000001", "p-close", "coordinator"),
                new PoolParticipation("100000002", "p-area", "participant"),
                new PoolParticipation("100000003", "p-far", "participant"),
                new PoolParticipation("100000004", "p-close", "participant"),
                new PoolParticipation("100000004", "p-area", "participant"));
        PartnerPool pool = PartnerPool.of(projects, participations, orgs, vectors);
        PartnerRelevance r = PartnerRelevance.of(pool, CALL, call);
        assertEquals(1.0, r.cos()[0], 1e-6);
        assertEquals(0.75, r.topic()[1], 1e-9, "HORIZON-CL9-AB-01 of HORIZON-CL9-AB-01-04");
        assertEquals(0.0, r.topic()[2], 1e-9);

        PartnerRanker.Top top = HAND_SET.rank(pool, r, null, null, null, 10);
        // both kinds of evidence beat either alone; the unrelated organisation scores nothing
        assertArrayEquals(new int[]{3, 0, 1}, top.organisations());
        assertEquals(3, top.total());

        PartnerRanker.Top withoutBest = HAND_SET.rank(pool, r, "100000004", null, null, 1);
        assertArrayEquals(new int[]{0}, withoutBest.organisations());
        PartnerRanker.Top inFrance = HAND_SET.rank(pool, r, null, "FR", null, 10);
        assertArrayEquals(new int[]{1}, inFrance.organisations());
        PartnerRanker.Top lexicalOnly = HAND_SET.rank(pool,
                PartnerRelevance.of(PartnerPool.of(projects, participations, orgs, new float[0]), CALL, null),
                null, null, OrganisationType.RESEARCH_ORGANISATION, 10);
        // without vectors the topic codes still count; the first organisation comes in through its partner only
        assertArrayEquals(new int[]{3, 1, 0}, lexicalOnly.organisations());
    }

    @Test
    void closenessToTheCallsTitleCountsBesideItsWholeText() {
        // one organisation's project is about what the call's title names, the other's a little closer to its text
        List<PoolProject> projects = List.of(project("on-title", null), project("on-text", null));
        float[] text = axis(0);
        float[] title = axis(1);
        float[] onTitle = new float[TextEmbedder.DIMENSIONS];
        onTitle[0] = 0.5f;
        onTitle[1] = (float) Math.sqrt(1 - 0.25);
        float[] onText = new float[TextEmbedder.DIMENSIONS];
        onText[0] = 0.6f;
        onText[2] = 0.8f;
        List<OrganisationDto> orgs = List.of(org("500000001", "DE"), org("500000002", "FR"));
        List<PoolParticipation> participations = List.of(
                new PoolParticipation("500000001", "on-title", "coordinator"),
                new PoolParticipation("500000002", "on-text", "coordinator"));
        PartnerPool pool = PartnerPool.of(projects, participations, orgs, concat(onTitle, onText));
        PartnerRelevance both = PartnerRelevance.of(pool, CALL, text, title);
        assertEquals(0.866, both.titleCos()[0], 1e-3);
        // 0.2 + 0.566 against 0.3: the title view decides
        assertArrayEquals(new int[]{0, 1}, HAND_SET.rank(pool, both, null, null, null, 10).organisations());
        assertEquals(0.2, features(pool, both, 0)[PartnerFeatures.SIMILARITY], 1e-3);
        assertEquals(0.866 - 0.3, features(pool, both, 0)[PartnerFeatures.TITLE_SIMILARITY], 1e-3);
        // the whole text alone ranks them the other way
        PartnerRelevance textOnly = PartnerRelevance.of(pool, CALL, text);
        assertArrayEquals(new int[]{1, 0}, HAND_SET.rank(pool, textOnly, null, null, null, 10).organisations());
        assertEquals(0.2, features(pool, textOnly, 0)[PartnerFeatures.SIMILARITY], 1e-6);
        assertEquals(0.0, features(pool, textOnly, 0)[PartnerFeatures.TITLE_SIMILARITY], 1e-9, "no title, no title credit");
    }

    @Test
    void theBoundedHeapKeepsTheBestOfMany() {
        int n = 500;
        List<PoolProject> projects = new ArrayList<>();
        List<OrganisationDto> orgs = new ArrayList<>();
        List<PoolParticipation> participations = new ArrayList<>();
        float[] vectors = new float[n * TextEmbedder.DIMENSIONS];
        for (int i = 0; i < n; i++) {
            projects.add(project("p" + i, null));
            orgs.add(org(String.valueOf(200_000_000 + i), "ES"));
            participations.add(new PoolParticipation(String.valueOf(200_000_000 + i), "p" + i, "participant"));
            // cosine with the call grows with i
            float c = 0.35f + 0.6f * i / n;
            vectors[i * TextEmbedder.DIMENSIONS] = c;
            vectors[i * TextEmbedder.DIMENSIONS + 1] = (float) Math.sqrt(1 - c * c);
        }
        PartnerPool pool = PartnerPool.of(projects, participations, orgs, vectors);
        PartnerRanker.Top top = HAND_SET.rank(pool, PartnerRelevance.of(pool, CALL, axis(0)),
                null, null, null, 5);
        assertArrayEquals(new int[]{499, 498, 497, 496, 495}, top.organisations());
        // the call is close to every project: only the closest ones count
        assertEquals(PartnerRelevance.CLOSE_AT_LEAST, top.total());
    }

    @Test
    void aCallWordedLikeManyProjectsCountsOnlyTheClosest() {
        // 200 projects at cosine 0.5 (ten of them one organisation's), one at 0.9 (another's)
        List<PoolProject> projects = new ArrayList<>();
        List<PoolParticipation> participations = new ArrayList<>();
        float[] vectors = new float[201 * TextEmbedder.DIMENSIONS];
        for (int i = 0; i <= 200; i++) {
            projects.add(project("p" + i, null));
            float c = i == 200 ? 0.9f : 0.5f;
            vectors[i * TextEmbedder.DIMENSIONS] = c;
            vectors[i * TextEmbedder.DIMENSIONS + 1] = (float) Math.sqrt(1 - c * c);
            String pic = i == 200 ? "300000001" : i < 10 ? "300000002" : String.valueOf(300_000_100 + i);
            participations.add(new PoolParticipation(pic, "p" + i, "participant"));
        }
        List<OrganisationDto> orgs = new ArrayList<>(List.of(org("300000001", "DE"), org("300000002", "FR")));
        for (int i = 10; i < 200; i++) {
            orgs.add(org(String.valueOf(300_000_100 + i), "IT"));
        }
        PartnerPool pool = PartnerPool.of(projects, participations, orgs, vectors);
        PartnerRelevance r = PartnerRelevance.of(pool, CALL, axis(0));
        assertEquals(0.5, r.floor(), 1e-3, "the 50 closest projects reach 0.5");
        // ten middling projects no longer outweigh one close one
        assertEquals(0, HAND_SET.rank(pool, r, null, null, null, 1).organisations()[0]);
    }

    @Test
    void bothViewsCosinesInOnePassEqualTheDotProducts() {
        java.util.Random random = new java.util.Random(3);
        int n = 7;
        int d = TextEmbedder.DIMENSIONS;
        float[] all = new float[n * d];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) random.nextGaussian();
        }
        float[] a = new float[d];
        float[] b = new float[d];
        for (int k = 0; k < d; k++) {
            a[k] = (float) random.nextGaussian();
            b[k] = (float) random.nextGaussian();
        }
        double[] outA = new double[n];
        double[] outB = new double[n];
        PartnerRelevance.cosines(all, n, a, b, outA, outB);
        for (int i = 0; i < n; i++) {
            assertEquals(TextEmbedder.dot(all, i * d, a), outA[i], 1e-3);
            assertEquals(TextEmbedder.dot(all, i * d, b), outB[i], 1e-3);
            assertNotEquals(outA[i], outB[i]);
        }
    }

    @Test
    void lowestOfBestReadsTheHistogram() {
        double[] values = {-0.2, 0.1, 0.35, 0.6, 0.61, 0.9};
        assertEquals(0.6, PartnerRelevance.lowestOfBest(values, 3), 1e-3);
        assertEquals(0.9, PartnerRelevance.lowestOfBest(values, 1), 1e-3);
        assertEquals(-1, PartnerRelevance.lowestOfBest(values, 7), 1e-9, "fewer values than asked for");
    }

    @Test
    void organisationsThatWorkedWithTheBestMatchedOnesRiseAbovePeers() {
        // the lead organisation did three projects close to the call; of two peers with one project each, the one
        // a little closer to the call never worked with it, the other did (on a project far from the call)
        List<PoolProject> projects = List.of(project("c1", null), project("c2", null), project("c3", null),
                project("far-with", null), project("near-alone", null));
        float[] call = axis(0);
        float[] nearAlone = axis(6);
        nearAlone[0] = 0.35f;
        nearAlone[6] = (float) Math.sqrt(1 - 0.35 * 0.35);
        float[] vectors = concat(axis(0), axis(0), axis(0), axis(5), nearAlone);
        List<OrganisationDto> orgs = List.of(org("400000001", "DE"), org("400000002", "FR"), org("400000003", "PT"));
        List<PoolParticipation> participations = List.of(
                new PoolParticipation("400000001", "c1", "coordinator"),
                new PoolParticipation("400000001", "c2", "coordinator"),
                new PoolParticipation("400000001", "c3", "participant"),
                new PoolParticipation("400000001", "far-with", "participant"),
                new PoolParticipation("400000002", "far-with", "coordinator"),
                new PoolParticipation("400000003", "near-alone", "coordinator"));
        PartnerPool pool = PartnerPool.of(projects, participations, orgs, vectors);
        PartnerRanker.Top top = HAND_SET.rank(pool, PartnerRelevance.of(pool, CALL, call),
                null, null, null, 10);
        assertArrayEquals(new int[]{0, 1, 2}, top.organisations(), "the partner of the best-matched organisation first");
        assertEquals(java.util.Set.of(0, 2), top.seeds());
        assertEquals("worked with Org 400000001 (among the call's best-matched organisations) in FAR-WITH",
                PartnerReasons.collaboration(pool, 1, top.seeds()));
        assertEquals(null, PartnerReasons.collaboration(pool, 2, top.seeds()));
    }

    @Test
    void scienceFieldsWeighHalfBesideTheTexts() {
        PoolProject p = new PoolProject("5", "FIELDS", null, null, "HORIZON-MSCA-2030-SE-01-01",
                "MSCA Staff Exchanges", List.of("ecology", "robotics"), "h");
        java.util.Map<String, float[]> vectors = java.util.Map.of("MSCA Staff Exchanges", axis(0),
                "ecology", axis(1), "robotics", axis(2));
        float[] v = PartnerPool.vector(p, vectors::get);
        // (e0 + 0.5 * (e1 + e2) / sqrt 2) normalised
        double norm = Math.sqrt(1 + 0.25);
        assertEquals(1 / norm, v[0], 1e-6);
        assertEquals(0.5 / Math.sqrt(2) / norm, v[1], 1e-6);
        assertEquals(v[1], v[2], 1e-6);
        assertEquals(null, PartnerPool.vector(new PoolProject("6", "NONE", null, null, null, null, List.of(), "h"),
                vectors::get));
    }

    static double[] features(PartnerPool pool, PartnerRelevance r, int o) {
        double[] f = new double[PartnerFeatures.COUNT];
        PartnerFeatures.of(pool, r, o, f);
        return f;
    }

    static PoolProject project(String id, String topic) {
        return new PoolProject(id, id.toUpperCase(), "Title " + id, null, topic, null, List.of(), "h");
    }

    static OrganisationDto org(String pic, String country) {
        return new OrganisationDto(pic, "Org " + pic, null, country, null, "REC",
                OrganisationType.RESEARCH_ORGANISATION, false, null, 1, null);
    }

    static float[] axis(int k) {
        float[] v = new float[TextEmbedder.DIMENSIONS];
        v[k] = 1;
        return v;
    }

    static float[] concat(float[]... vs) {
        float[] all = new float[vs.length * TextEmbedder.DIMENSIONS];
        for (int i = 0; i < vs.length; i++) {
            System.arraycopy(vs[i], 0, all, i * TextEmbedder.DIMENSIONS, TextEmbedder.DIMENSIONS);
        }
        return all;
    }
}
