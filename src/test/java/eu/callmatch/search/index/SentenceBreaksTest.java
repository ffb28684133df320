package eu.callmatch.search.index;

import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceBreaksTest {

    @Test
    void breaksAfterSentencesAndLinesNotAfterAbbreviationsOrDecimals() {
        String text = "Develop 3.5 MW turbines, e.g. floating ones. Why? Costs fall!\nScope:\n\n- pilots in 2 sites";
        assertEquals(List.of(0, 45, 50, 62, 70, text.length()), boundaries(text));
    }

    @Test
    void followingAndPrecedingStopAtTheEnds() {
        SentenceBreaks breaks = new SentenceBreaks();
        String text = "One sentence. Another one.";
        breaks.setText(text);
        assertEquals(14, breaks.following(0));
        assertEquals(14, breaks.current());
        assertEquals(text.length(), breaks.following(14));
        assertEquals(BreakIterator.DONE, breaks.following(text.length()));
        assertEquals(14, breaks.preceding(20));
        assertEquals(0, breaks.preceding(14));
        assertEquals(BreakIterator.DONE, breaks.preceding(0));
        assertTrue(breaks.isBoundary(14));
        assertFalse(breaks.isBoundary(3));
        assertEquals(14, breaks.current());
        assertEquals(0, breaks.first());
        assertEquals(14, breaks.next());
        assertEquals(text.length(), breaks.next());
        assertEquals(BreakIterator.DONE, breaks.next());
        assertEquals(14, breaks.previous());
        assertEquals(text.length(), breaks.last());
        assertEquals(0, breaks.next(-2));
        assertThrows(IllegalArgumentException.class, () -> breaks.following(text.length() + 1));
    }

    @Test
    void aCharacterIteratorOverPartOfATextKeepsItsOffsets() {
        // the highlighter's splitting iterator hands over one value of a multi-valued field this way
        String text = "Title one\u2029First sentence. Second sentence.";
        SentenceBreaks breaks = new SentenceBreaks();
        breaks.setText(new StringCharacterIterator(text, 10, text.length(), 10));
        assertEquals(10, breaks.first());
        assertEquals(26, breaks.next());
        assertEquals(text.length(), breaks.next());
        assertEquals(26, breaks.preceding(30));
    }

    @Test
    void findsTheSentencesTheJdkFindsInRealCallDescriptions() throws IOException {
        int jdkBoundaries = 0;
        int shared = 0;
        int ours = 0;
        for (CallDto call : TestData.calls(TestData.EVAL_CALLS).subList(0, 300)) {
            String text = call.description();
            if (text == null) {
                continue;
            }
            BreakIterator jdk = BreakIterator.getSentenceInstance(Locale.ROOT);
            jdk.setText(text);
            Set<Integer> expected = new HashSet<>();
            for (int b = jdk.first(); b != BreakIterator.DONE; b = jdk.next()) {
                expected.add(b);
            }
            List<Integer> found = boundaries(text);
            jdkBoundaries += expected.size();
            ours += found.size();
            shared += (int) found.stream().filter(expected::contains).count();
        }
        // the same sentences, give or take a few: a snippet is the sentence around a match either way
        assertTrue(shared >= 0.9 * jdkBoundaries, shared + " of the JDK's " + jdkBoundaries + " boundaries");
        assertTrue(shared >= 0.9 * ours, shared + " of our " + ours + " boundaries");
    }

    @Test
    void followingAndPrecedingFindTheNearestOffsetsThatAreBoundaries() throws IOException {
        List<String> texts = new ArrayList<>(List.of("One.\u3000Two! three?\u2028Four.\t\tFive\u001Csix. \u00A0Seven",
                "Écrit. Über alles.\r\n\r\nÇa va? oui. Ende", "   .  A", ""));
        TestData.calls(TestData.EVAL_CALLS).subList(0, 40).stream().map(CallDto::description)
                .filter(java.util.Objects::nonNull).forEach(texts::add);
        // white space beyond ASCII (ideographic space, line separator, U+001C) counts; a no-break space does not
        assertEquals(List.of(0, 5, 17, 24, 34, 40), boundaries(texts.get(0)));
        for (String text : texts) {
            SentenceBreaks breaks = new SentenceBreaks();
            breaks.setText(text);
            boolean[] boundary = new boolean[text.length() + 1];
            for (int i = 0; i <= text.length(); i++) {
                boundary[i] = breaks.isBoundary(i);
            }
            for (int i = 0; i <= text.length(); i++) {
                int next = i + 1;
                while (next <= text.length() && !boundary[next]) {
                    next++;
                }
                int previous = i - 1;
                while (previous >= 0 && !boundary[previous]) {
                    previous--;
                }
                assertEquals(next > text.length() ? BreakIterator.DONE : next, breaks.following(i), "following " + i);
                assertEquals(previous < 0 ? BreakIterator.DONE : previous, breaks.preceding(i), "preceding " + i);
            }
        }
    }

    private static List<Integer> boundaries(String text) {
        SentenceBreaks breaks = new SentenceBreaks();
        breaks.setText(text);
        List<Integer> found = new ArrayList<>();
        for (int b = breaks.first(); b != BreakIterator.DONE; b = breaks.next()) {
            found.add(b);
        }
        return found;
    }
}
