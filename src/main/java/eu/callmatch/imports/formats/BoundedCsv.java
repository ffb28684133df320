package eu.callmatch.imports.formats;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A CSV text as the CSV parser should see it: a record with a line longer than the line cap, or longer in all than
 * the record cap, is read past without being held and replaced by as many empty lines as it had (the parser's line
 * numbers stay right, and empty lines are skipped); the caller rejects it from {@link #skipped()}. Without this the
 * parser would build one field of a 1 GiB line in memory. Quotes are followed as the parser follows them (RFC 4180:
 * a quote opens a field only at its start), so that a quoted field's line breaks stay inside its record.
 */
final class BoundedCsv extends Reader {

    /** A record that was read past: the line it starts on, its first characters and why. */
    record Skipped(long line, String excerpt, String reason) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final char delimiter;
    private final InputLimits limits;
    private final String format;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int length;
    /** The record being handed out, with its line break(s). */
    private final StringBuilder record = new StringBuilder();
    private int handedOut;
    /** The line the next character is on. */
    private long line = 1;
    private final Queue<Skipped> skipped = new ArrayDeque<>();

    BoundedCsv(Reader in, char delimiter, InputLimits limits, String format) {
        this.in = in;
        this.delimiter = delimiter;
        this.limits = limits;
        this.format = format;
    }

    /** The next record read past, or null. */
    Skipped skipped() {
        return skipped.poll();
    }

    @Override
    public int read(char[] target, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (handedOut == record.length()) {
            if (!nextRecord()) {
                return -1;
            }
        }
        int n = Math.min(count, record.length() - handedOut);
        record.getChars(handedOut, handedOut + n, target, offset);
        handedOut += n;
        return n;
    }

    /** Reads the next record into {@link #record} (empty lines in place of one read past); false at the end. */
    private boolean nextRecord() throws IOException {
        record.setLength(0);
        handedOut = 0;
        long start = line;
        int lineLength = 0;
        int breaks = 0;
        String problem = null;
        String excerpt = null;
        State state = State.FIELD_START;
        boolean any = false;
        for (int c = next(); c != -1; c = next()) {
            any = true;
            boolean lineBreak = c == '\n' || c == '\r';
            if (lineBreak) {
                line++;
                breaks++;
                lineLength = 0;
                if (problem == null) {
                    record.append((char) c);
                }
                if (c == '\r') {
                    int after = next();
                    if (after == '\n') {
                        if (problem == null) {
                            record.append('\n');
                        }
                    } else if (after != -1) {
                        position--;
                    }
                }
                if (state != State.QUOTED) {
                    break;
                }
                continue;
            }
            state = switch (state) {
                case FIELD_START -> c == '"' ? State.QUOTED : c == delimiter ? State.FIELD_START : State.UNQUOTED;
                case UNQUOTED -> c == delimiter ? State.FIELD_START : State.UNQUOTED;
                case QUOTED -> c == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
                case QUOTE_IN_QUOTED -> c == '"' ? State.QUOTED : c == delimiter ? State.FIELD_START : State.UNQUOTED;
            };
            if (problem != null) {
                continue;
            }
            record.append((char) c);
            if (++lineLength > limits.maxLine()) {
                problem = InputLimits.lineTooLong(line, limits.maxLine());
            } else if (record.length() > limits.maxRecord()) {
                problem = "the record is longer than " + InputLimits.number(limits.maxRecord()) + " characters";
            }
            if (problem != null) {
                excerpt = record.substring(0, Math.min(80, record.length()));
                record.setLength(0);
            }
        }
        if (problem != null) {
            if (start == 1) {
                throw new FormatException(1, 1, "not " + format + ": the header is too long: " + problem);
            }
            skipped.add(new Skipped(start, excerpt, problem));
            record.append("\n".repeat(breaks));
        }
        return any;
    }

    private int next() throws IOException {
        if (position == length) {
            position = 0;
            length = Math.max(0, in.read(buffer, 0, buffer.length));
            if (length == 0) {
                return -1;
            }
        }
        return buffer[position++];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
