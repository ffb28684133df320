package eu.callmatch.imports.formats;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineReaderTest {

    /** {@code before}, then {@code count} times {@code c}, then {@code after}, made as it is read, never held whole. */
    static Reader repeated(String before, char c, long count, String after) {
        return new Reader() {
            private final Reader head = new StringReader(before);
            private final Reader tail = new StringReader(after);
            private long left = count;

            @Override
            public int read(char[] target, int offset, int length) throws IOException {
                int n = head.read(target, offset, length);
                if (n > 0) {
                    return n;
                }
                if (left > 0) {
                    n = (int) Math.min(length, left);
                    java.util.Arrays.fill(target, offset, offset + n, c);
                    left -= n;
                    return n;
                }
                return tail.read(target, offset, length);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aLineOverTheCapKeepsOnlyTheCapAndTheNextLineIsReadWhole() throws IOException {
        LineReader lines = new LineReader(repeated("first\n", 'a', 50_000_000, "\r\nafter\n"), 1000);

        assertEquals("first", lines.next());
        assertFalse(lines.truncated());
        String huge = lines.next();
        assertEquals(2, lines.number());
        assertTrue(lines.truncated());
        assertEquals(1000, huge.length());
        assertEquals("after", lines.next());
        assertEquals(3, lines.number());
        assertFalse(lines.truncated());
        assertNull(lines.next());
    }

    @Test
    void linesAcrossBlocksWithABomACrLfSplitBetweenBlocksAndALastLineWithoutItsEnd() throws IOException {
        // the first block read is 65,536 characters: the BOM, the x's and the \r; the \n begins the next block
        String text = "\uFEFF" + "x".repeat(65_534) + "\r\nsecond\n\nlast";
        LineReader lines = new LineReader(new StringReader(text), 100_000);

        assertEquals("x".repeat(65_534), lines.next());
        assertEquals("second", lines.next());
        assertEquals("", lines.next());
        assertEquals("last", lines.next());
        assertEquals(4, lines.number());
        assertFalse(lines.truncated());
        assertNull(lines.next());
        assertNull(lines.next());
    }

    @Test
    void aLineOfExactlyTheCapIsNotTruncated() throws IOException {
        LineReader lines = new LineReader(repeated("", 'b', 1000, "\n"), 1000);

        assertEquals(1000, lines.next().length());
        assertFalse(lines.truncated());
    }

    @Test
    void aJsonLinesFileRejectsTheLongLineWithItsNumberAndGoesOn() {
        String first = "{\"identifier\": \"A-1\", \"title\": \"One\"}\n";
        Collected<eu.callmatch.calls.CallDto> calls = new Collected<>();
        CallmatchJsonl.read(repeated(first + "{\"identifier\": \"A-2\", \"title\": \"", 'x', 30_000_000,
                "\"}\n{\"identifier\": \"A-3\", \"title\": \"Three\"}\n"), InputLimits.DEFAULTS, calls);

        assertEquals(java.util.List.of("A-1", "A-3"), calls.records().stream().map(c -> c.identifier()).toList());
        assertEquals(1, calls.rejected.size());
        assertEquals(2, calls.rejected.get(0).line());
        assertEquals("line 2 is longer than 1,000,000 characters", calls.rejected.get(0).reason());
    }
}
