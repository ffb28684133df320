package eu.callmatch.imports.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a text, each at most {@code max} characters kept, so that one huge line cannot exhaust memory. It reads
 * the text in blocks into a buffer of its own and scans them for line ends: a {@code BufferedReader} read a character
 * at a time takes its lock for each one, which was a tenth of the CPU of a 50,000-call import (profiled).
 */
final class LineReader implements Closeable {

    private final Reader reader;
    private final int max;
    private final char[] buffer = new char[65536];
    private int position;
    private int limit;
    private long number;
    private boolean truncated;

    LineReader(Reader reader, int max) {
        this.reader = reader;
        this.max = max;
    }

    /** The next line without its terminator (\n, \r\n), or null at the end; a first-line BOM is dropped. */
    String next() throws IOException {
        if (position == limit && !fill()) {
            return null;
        }
        number++;
        if (number == 1 && buffer[position] == '\uFEFF') {
            position++;
        }
        StringBuilder line = new StringBuilder();
        truncated = false;
        while (position < limit || fill()) {
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            keep(line, start, position);
            if (position < limit) {
                position++; // the line's end
                break;
            }
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    /** Appends buffer[from, to) to {@code line}, as much of it as the cap leaves room for. */
    private void keep(StringBuilder line, int from, int to) {
        int room = max - line.length();
        if (to - from > room) {
            truncated = true;
            to = from + Math.max(room, 0);
        }
        line.append(buffer, from, to - from);
    }

    /** Reads the next block into the buffer; false at the end of the text. */
    private boolean fill() throws IOException {
        int n = reader.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
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
