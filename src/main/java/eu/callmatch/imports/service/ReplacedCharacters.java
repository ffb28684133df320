package eu.callmatch.imports.service;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A decoded file that says where its decoding replaced bytes that are not UTF-8: the decoder puts U+FFFD in their
 * place (a garbled character in one description must not fail a whole file), and this reader reports each line that
 * has one to the run, so that nothing is replaced silently. The line is the file's physical line, 1-based.
 */
final class ReplacedCharacters extends FilterReader {

    static final String REASON = "not valid UTF-8: the bytes that are not were replaced by U+FFFD (\uFFFD) "
            + "and the record imported with them";

    private final ImportProgress progress;
    private long line = 1;
    private long reported;

    ReplacedCharacters(Reader in, ImportProgress progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    private void see(char c) {
        if (c == '\n') {
            line++;
        } else if (c == '\uFFFD' && reported != line) {
            reported = line;
            progress.error(line, null, REASON);
        }
    }
}
