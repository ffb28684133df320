package eu.callmatch.imports.formats;

import java.util.Locale;

/**
 * How much of an import file is held at once: a line, a field and a record (in characters), and what an archive may
 * inflate to (in bytes), per entry and in all. A line, field or record beyond its cap is rejected and reading goes
 * on; an archive beyond its caps is {@link InputTooLarge}. The service's values are {@code callmatch.import.*}.
 */
public record InputLimits(int maxLine, int maxField, int maxRecord, long maxInflatedEntry, long maxInflated) {

    /** The defaults of {@code callmatch.import.max-*} (CallmatchConfig.Import), for readers outside the service. */
    public static final InputLimits DEFAULTS = new InputLimits(1_000_000, 1_000_000, 10_000_000, 512L << 20, 1L << 30);

    static String lineTooLong(long line, int max) {
        return "line " + line + " is longer than " + number(max) + " characters";
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
