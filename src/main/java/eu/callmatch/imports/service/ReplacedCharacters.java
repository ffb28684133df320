package eu.callmatch.imports.service;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file decoded from UTF-8 that says where the decoding replaced bytes that are not UTF-8: they become U+FFFD (a
 * garbled character in one description must not fail a whole file), and each line that had some is reported to the
 * run, so that nothing is replaced silently. A U+FFFD the file itself holds (the portal's exports have some) is
 * valid UTF-8 and not reported: the decoder marks its replacements with U+FFFF, a noncharacter no text carries,
 * which this reader turns into U+FFFD. The line is the file's physical line, 1-based.
 */
final class ReplacedCharacters extends FilterReader {

    /** What the decoder puts in place of bytes that are not UTF-8, before this reader makes it U+FFFD. */
    private static final char MARK = '\uFFFF';

    static final String REASON = "not valid UTF-8: the bytes that are not were replaced by U+FFFD (\uFFFD) "
            + "and the record imported with them";

    private final ImportProgress progress;
    private long line = 1;
    private long reported;

    private ReplacedCharacters(Reader in, ImportProgress progress) {
        super(in);
        this.progress = progress;
    }

    /** The UTF-8 text of {@code in}, its replaced bytes reported to {@code progress}. */
    static Reader of(InputStream in, ImportProgress progress) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(MARK));
        return new ReplacedCharacters(new InputStreamReader(in, decoder), progress);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        return c < 0 ? c : see((char) c);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = see(buffer[offset + i]);
        }
        return n;
    }

    private char see(char c) {
        if (c == '\n') {
            line++;
        } else if (c == MARK) {
            if (reported != line) {
                reported = line;
                progress.error(line, null, REASON);
            }
            return '\uFFFD';
        }
        return c;
    }
}
