package eu.callmatch.imports.formats;

/**
 * The input is not of the declared format at all (wrong delimiter, missing required columns, not JSON, truncated).
 * Names the first problem found; a single bad record in a good file is a {@link RecordSink#reject} instead.
 */
public class FormatException extends RuntimeException {

    private final long line;
    private final long column;

    public FormatException(long line, long column, String message) {
        this(line, column, message, null);
    }

    public FormatException(long line, long column, String message, Throwable cause) {
        super("line " + line + ", column " + column + ": " + message, cause);
        this.line = line;
        this.column = column;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
