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
        int longer = 0;
        for (CallDto call : calls) {
            String whole = CallText.of(call);
            String start = CallText.vectorText(call);
            assertEquals(TextEmbedder.chunks(whole).get(0), start, call.identifier());
            assertEquals(1, TextEmbedder.chunks(start).size(), "one run of the model: " + call.identifier());
            assertTrue(words(start) <= TextEmbedder.CHUNK_WORDS, call.identifier());
            String spaced = String.join(" ", whole.split("\\s+"));
            assertTrue(spaced.startsWith(start), "the text's start: " + call.identifier());
            if (!start.equals(spaced)) {
                longer++;
                // the digest is of the text embedded: a vector of the whole text is not taken for one of the start
                assertFalse(Arrays.equals(CallText.digest(whole), CallText.digest(start)), call.identifier());
            }
        }
        // 437 of the 2,306: the long descriptions, up to eight runs each (4,645 runs for the whole texts)
        assertTrue(longer > calls.size() / 10,
                "calls that say more than one run reads: " + longer + " of " + calls.size());
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }
}
