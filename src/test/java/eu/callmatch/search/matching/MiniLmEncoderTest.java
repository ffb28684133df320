package eu.callmatch.search.matching;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our ONNX session must give the vectors langchain4j's model gives: the calls' stored vectors were made with it. */
class MiniLmEncoderTest {

    private static MiniLmEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = MiniLmEncoder.load(0);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void givesLangchain4jsVectors() {
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        List<String> texts = List.of(
                "Underwater inspection drones",
                "HORIZON-CL5-2024-D3-01-02: Next-generation offshore wind turbines (RIA); TRL 4-5, €5 million.",
                "Réseaux thématiques pour partager des connaissances prêtes à l'emploi. Biosécurité dans l'élevage.",
                "Fighting childhood obesity to stay healthy all over the life. Obesity rates in late teens have "
                        + "increased in Europe from 6% in 1980 to 32%, with long-lasting effects on the prevalence of "
                        + "severe obesity, diabetes and cardiovascular disease, premature death and disability. "
                        + "Efficiently fighting adult obesity is difficult but prevention and treatment of obesity "
                        + "have proven to work better at young ages. The goal is to cut the roots of the pandemic "
                        + "of obesity in Europe targeting children first, predicting, preventing and treating it "
                        + "with precision medicine, participative and personalised, across twelve countries.");
        for (String text : texts) {
            float[] ours = encoder.embed(text);
            float[] theirs = reference.embed(text).content().vector();
            assertEquals(TextEmbedder.DIMENSIONS, ours.length);
            assertEquals(1.0, TextEmbedder.cosine(ours, ours), 1e-5, "a unit vector");
            assertTrue(TextEmbedder.cosine(ours, theirs) > 0.9999, () -> "the same vector for: " + text
                    + " (cosine " + TextEmbedder.cosine(ours, theirs) + ")");
        }
    }

    @Test
    void aRunAfterTheCloseFailsCleanly() {
        MiniLmEncoder closing = MiniLmEncoder.load(1);
        closing.embed("Underwater inspection drones");
        closing.close();
        closing.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closing.embed("Drones"));
        assertEquals("the embedding model is closed", e.getMessage());
    }

    @Test
    void readsOnlyTheStartOfALongText() {
        String start = "Offshore wind turbines with floating foundations for deep waters.";
        String tail = " Unrelated sentence about cheese making and dairy cooperatives.".repeat(40);
        assertTrue(TextEmbedder.cosine(encoder.embed(start + tail), encoder.embed(start + tail + tail)) > 0.9999,
                "past 128 word pieces the model reads nothing more");
    }

    @Test
    void readsThePiecesOfATextFromTheSameRun() {
        List<String> sentences = List.of("Offshore wind turbines with floating foundations for deep waters.",
                "Thematic networks on biosecurity in dairy farming and livestock health.",
                "Machine learning for the early diagnosis of childhood obesity.");
        String text = String.join(" ", sentences);
        float[][] vectors = encoder.embed(text, sentences);
        assertEquals(1 + sentences.size(), vectors.length);
        assertTrue(TextEmbedder.cosine(vectors[0], encoder.embed(text)) > 0.9999, "the text's own vector");
        for (int i = 0; i < sentences.size(); i++) {
            float[] alone = encoder.embed(sentences.get(i));
            double own = TextEmbedder.cosine(vectors[1 + i], alone);
            assertTrue(own > 0.7, "sentence " + i + " read in context stays close to itself: " + own);
            for (int j = 0; j < sentences.size(); j++) {
                if (j != i) {
                    double other = TextEmbedder.cosine(vectors[1 + i], encoder.embed(sentences.get(j)));
                    assertTrue(own > other + 0.2, "sentence " + i + " is not sentence " + j + ": " + own + " vs " + other);
                }
            }
        }
    }

    @Test
    void aPieceBeyondTheFirst128WordPiecesHasNoVector() {
        String filler = "Unrelated sentence about cheese making and dairy cooperatives. ".repeat(20);
        String late = "Offshore wind turbines with floating foundations for deep waters.";
        float[][] vectors = encoder.embed(filler + late, List.of(late, "A sentence the text does not hold."));
        assertEquals(null, vectors[1]);
        assertEquals(null, vectors[2]);
    }

    @Test
    void readsTheWholeWordsOfAtMostTheGivenPieces() {
        List<String> sentences = List.of("Offshore wind turbines with floating foundations for deep waters.",
                "Thematic networks on biosecurity in dairy farming and livestock health.",
                "Machine learning for the early diagnosis of childhood obesity.",
                "Underwater inspection drones for the maintenance of subsea cables and pipelines.");
        String text = String.join(" ", sentences) + " Unrelated sentence about cheese making. ".repeat(10);
        // [CLS], the first sentence's pieces and [SEP]; then every cut through the second sentence, whose words
        // ("biosecurity", "livestock") are several pieces each
        int first = WordPieces.count(sentences.get(0));
        for (int max = first; max <= first + 20; max++) {
            String start = WordPieces.start(text, max);
            float[][] cut = encoder.embed(text, sentences, max);
            float[][] alone = encoder.embed(start, sentences);
            assertTrue(WordPieces.count(start) <= max, max + " pieces at most");
            assertArrayEquals(alone[0], cut[0], "the same run as over the start alone, at " + max);
            for (int i = 0; i < sentences.size(); i++) {
                if (alone[1 + i] == null) {
                    assertNull(cut[1 + i], "sentence " + i + " is not within " + max + " pieces");
                } else {
                    assertArrayEquals(alone[1 + i], cut[1 + i], "sentence " + i + " at " + max);
                }
            }
        }
        float[][] oneSentence = encoder.embed(text, sentences, first + 3);
        assertTrue(oneSentence[1] != null && oneSentence[2] == null, "the first sentence, a word of the second");
        assertArrayEquals(encoder.embed(text, sentences)[0], encoder.embed(text, sentences, 128)[0], "128: no cut");
    }
}
