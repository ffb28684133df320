package eu.callmatch.imports.formats;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/** Lines of a text, each at most {@code max} characters kept, so that one huge line cannot exhaust memory. */
final class LineReader implements Closeable {

    private final BufferedReader reader;
    private final int max;
    private long number;
    private boolean truncated;

    LineReader(Reader reader, int max) {
        this.reader = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader, 65536);
        this.max = max;
    }

    /** The next line without its terminator (\n, \r\n), or null at the end; a first-line BOM is dropped. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        truncated = false;
        int c = reader.read();
        if (c == -1) {
            return null;
        }
        number++;
        if (number == 1 && c == '\uFEFF') {
            c = reader.read();
        }
        for (; c != -1 && c != '\n'; c = reader.read()) {
            if (line.length() < max) {
                line.append((char) c);
            } else {
                truncated = true;
            }
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    /** The 1-based number of the line last returned. */
    long number() {
        return number;
    }

    /** Whether the line last returned was longer than {@code max}: only its first {@code max} characters were kept. */
    boolean truncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
