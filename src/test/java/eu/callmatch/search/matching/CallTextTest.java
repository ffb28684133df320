package eu.callmatch.search.matching;

import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallTextTest {

    @Test
    void aCallsVectorIsReadFromTheStartOfItsText() throws Exception {
        List<CallDto> calls = TestData.calls(TestData.EVAL_CALLS);
        int cut = 0;
        for (CallDto call : calls) {
            String whole = CallText.of(call);
            String chunk = TextEmbedder.chunks(whole).get(0);
            String start = CallText.vectorText(call);
            assertEquals(chunk, CallText.vectorSource(call), call.identifier());
            assertEquals(start, CallText.vectorText(chunk), call.identifier());
            // the digest names the cut too: a vector of the whole first chunk (schema 5) is not taken for the start
            assertFalse(Arrays.equals(CallText.digest(chunk), CallText.vectorDigest(chunk)), call.identifier());
            int pieces = WordPieces.count(start);
            assertTrue(pieces <= CallText.VECTOR_PIECES, call.identifier() + ": " + pieces + " word pieces");
            assertTrue(chunk.startsWith(start), "the first chunk's start: " + call.identifier());
            if (start.equals(chunk)) {
                continue;
            }
            cut++;
            // whole words, as many as fit: the next word would not
            assertTrue(chunk.charAt(start.length()) == ' ' || !Character.isLetterOrDigit(chunk.charAt(start.length()))
                    || !Character.isLetterOrDigit(start.charAt(start.length() - 1)), call.identifier());
            assertTrue(pieces > CallText.VECTOR_PIECES - 12, call.identifier() + ": only " + pieces + " word pieces");
            // a longer text's digest is another
            assertFalse(Arrays.equals(CallText.digest(chunk), CallText.digest(start)), call.identifier());
            assertFalse(Arrays.equals(CallText.digest(whole), CallText.digest(start)), call.identifier());
        }
        // 440 of the 2,306 real calls say more than 64 word pieces; the rest are embedded whole, as before
        assertTrue(cut > calls.size() / 10 && cut < calls.size() / 2,
                "calls whose start is cut: " + cut + " of " + calls.size());
    }

    @Test
    void aStartIsWholeWordsOfAtMostTheGivenPieces() {
        String text = "Hydrogen valleys: electrolysers and fuel-cells for decarbonisation of industrial clusters.";
        assertEquals(text, WordPieces.start(text, 128));
        String start = WordPieces.start(text, 8);
        assertTrue(WordPieces.count(start) <= 8, start);
        assertTrue(text.startsWith(start), start);
        assertFalse(start.endsWith("decarbon"), start);
        // one piece more would take the next word, or the first of its pieces
        assertTrue(WordPieces.count(WordPieces.start(text, 9)) >= WordPieces.count(start));
        assertEquals("", WordPieces.start("decarbonisation", 2));
    }
}
