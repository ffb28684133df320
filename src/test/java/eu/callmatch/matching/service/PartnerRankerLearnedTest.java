package eu.callmatch.matching.service;

import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.matching.TopicCodes;
import eu.callmatch.search.matching.VectorFile;
import eu.callmatch.training.TopicSplit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learned partner ranking is the one served, and it finds more of the real participants than the hand-set one on
 * a fixed sample of validation topics (topics the learning never saw): the first {@value #TOPICS} validation topics
 * with at least {@value #AT_LEAST} participants, ranked over a smaller pool (their destinations' projects and a
 * twentieth of the rest) so that the test embeds hundreds of texts, not the whole bundle.
 */
class PartnerRankerLearnedTest {

    static final int TOPICS = 30;
    static final int AT_LEAST = 10;

    @Test
    void theServedRankerIsTheLearnedOneFromTheArtefact() {
        PartnerRanker served = PartnerMatchService.loadRanker(PartnerRankerLearnedTest.class.getClassLoader());
        assertEquals(PartnerRanker.Origin.LEARNED, served.origin(), "matching/partner-ranker.json was not loaded");
    }

    @Test
    void withoutTheArtefactTheHandSetWeightsRank() {
        ClassLoader empty = new ClassLoader(null) {
        };
        assertEquals(PartnerRanker.Origin.HAND_SET, PartnerMatchService.loadRanker(empty).origin());
    }

    @Test
    void anArtefactOfAnotherFormatOrWithUnknownFeaturesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PartnerRanker.read(json(
                "{\"format\": 99, \"features\": [\"similarity\"], \"weights\": [1]}")));
        assertThrows(IllegalArgumentException.class, () -> PartnerRanker.read(json(
                "{\"format\": 1, \"features\": [\"shoe_size\"], \"weights\": [1]}")));
    }

    @Test
    void learnedWeightsFindMoreParticipantsThanHandSetOnValidationTopics() throws Exception {
        PartnerRanker learned = PartnerMatchService.loadRanker(PartnerRankerLearnedTest.class.getClassLoader());
        assertEquals(PartnerRanker.Origin.LEARNED, learned.origin());
        CordisHistory history = CordisHistory.load();
        List<String> sample = new ArrayList<>();
        for (String topic : history.topics.keySet()) {
            if (TopicSplit.validation(topic) && sample.size() < TOPICS
                    && history.hide(topic, new float[0], p -> false).participants().size() >= AT_LEAST) {
                sample.add(topic);
            }
        }
        assertEquals(TOPICS, sample.size());
        List<List<String>> destinations = sample.stream().map(TopicCodes::segments).toList();
        Predicate<PoolProject> kept = p -> Math.floorMod(p.id().hashCode(), 20) == 0 || destinations.stream()
                .anyMatch(d -> TopicCodes.shared(TopicCodes.segments(p.topic()), d) >= 3);
        TextEmbedder embedder = new TextEmbedder(true);
        float[] vectors = vectorsOf(history, kept, embedder);

        PartnerRankerTraining training = new PartnerRankerTraining();
        double hand = 0;
        double mine = 0;
        for (String topic : sample) {
            CordisHistory.Case c = history.hide(topic, vectors, kept);
            PartnerRankerTraining.CallVectors cv = training.callVectors(embedder, c);
            PartnerRelevance r = PartnerRelevance.of(c.pool(), topic, cv.text(), cv.title());
            hand += PartnerRankerTraining.recall(PartnerRanker.handSet(), c.pool(), r, c.participants())[1];
            mine += PartnerRankerTraining.recall(learned, c.pool(), r, c.participants())[1];
        }
        System.out.printf("Participants in the first 50 over %d validation topics: learned %.3f, hand-set %.3f%n",
                TOPICS, mine / TOPICS, hand / TOPICS);
        assertTrue(hand > 0, "the sample is rankable at all");
        assertTrue(mine > hand, "learned " + mine / TOPICS + " against hand-set " + hand / TOPICS);
    }

    /** The kept projects' vectors (cached under target/), at their places among all projects; zeros elsewhere. */
    private static float[] vectorsOf(CordisHistory history, Predicate<PoolProject> kept, TextEmbedder embedder) {
        List<PoolProject> subset = history.projects.stream().filter(kept).toList();
        float[] some = PartnerPool.build(subset, List.of(), List.of(),
                new VectorFile(Path.of("target/partner-sample/projects.bin")), embedder).vectors;
        int d = TextEmbedder.DIMENSIONS;
        float[] all = new float[history.projects.size() * d];
        int k = 0;
        for (int i = 0; i < history.projects.size(); i++) {
            if (kept.test(history.projects.get(i))) {
                System.arraycopy(some, k++ * d, all, i * d, d);
            }
        }
        return all;
    }

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
