package eu.callmatch.search.matching;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile is embedded in one model run: its start, and the sentences of its listing within that start. */
class TextEmbedderTest {

    private static TextEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new TextEmbedder(true);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void aShortProfileIsEmbeddedWhole() {
        String text = "Underwater inspection drones for offshore wind farms. Keywords: robotics. sensors";
        TextEmbedder.Vectors vectors = embedder.embedProfile(text, text, 8);
        assertTrue(TextEmbedder.cosine(vectors.text(), embedder.embed(text)) > 0.9999);
        assertEquals(List.of(), vectors.sentences(), "one sentence of four words or more: nothing to match apart");
    }

    @Test
    void aListOfInterestsGivesOneVectorPerSentence() {
        String listing = "Underwater inspection drones for offshore wind farms. "
                + "Machine learning for the early diagnosis of childhood obesity. "
                + "Biosecurity networks for dairy farms and livestock health.";
        TextEmbedder.Vectors vectors = embedder.embedProfile(listing + " robotics. paediatrics", listing, 8);
        assertEquals(3, vectors.sentences().size());
        float[] obesity = embedder.embed("Machine learning for the early diagnosis of childhood obesity.");
        double best = vectors.sentences().stream().mapToDouble(v -> TextEmbedder.cosine(v, obesity)).max().orElse(0);
        assertTrue(best > TextEmbedder.cosine(vectors.text(), obesity),
                "the sentence about obesity matches it better than the blend of all three does");
        assertEquals(List.of(), embedder.embedProfile(listing, listing, 2).sentences(), "more than max: a narrative");
    }

    @Test
    void aLongProfileIsReadFromItsStart() {
        String start = "Offshore wind turbines with floating foundations for deep waters.";
        String tail = " Unrelated sentence about cheese making and dairy cooperatives.".repeat(300);
        TextEmbedder.Vectors vectors = embedder.embedProfile(start + tail, null, 8);
        assertTrue(TextEmbedder.cosine(vectors.text(),
                        embedder.embed(WordPieces.start(start + tail, TextEmbedder.PROFILE_PIECES))) > 0.9999,
                "one run over the start, whatever the length");
        assertTrue(TextEmbedder.cosine(vectors.text(), embedder.embedStart(start + tail)) < 0.9999,
                "the start is shorter than the 128 word pieces a run can read");
        assertEquals(List.of(), vectors.sentences());
    }

    @Test
    void manyStartsInTheBackgroundAreTheStartsARequestGets() throws InterruptedException {
        String longText = "Floating offshore wind foundations for deep waters. " + "Mooring lines and anchors. ".repeat(200);
        List<String> texts = java.util.Arrays.asList("Digital twins of water networks", longText, null, "  ",
                "Digital twins of water networks", "Mooring lines and anchors. " + longText);
        List<float[]> all = embedder.embedStartAll(texts);
        assertEquals(texts.size(), all.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] start = embedder.embedStart(texts.get(i));
            if (start == null) {
                assertNull(all.get(i), "nothing to embed in text " + i);
            } else {
                org.junit.jupiter.api.Assertions.assertArrayEquals(start, all.get(i), "text " + i);
            }
        }
        assertTrue(TextEmbedder.cosine(all.get(1), embedder.embed(longText)) < 0.9999, "the start, not the whole text");
        assertEquals(java.util.Arrays.asList(null, null), new TextEmbedder(false).embedStartAll(List.of("a", "b")),
                "embeddings off");
    }

    @Test
    void nothingToEmbed() {
        assertNull(embedder.embedProfile("  ", "  ", 8).text());
        assertNull(new TextEmbedder(false).embedProfile("Offshore wind", null, 8).text(), "embeddings off");
    }
}
