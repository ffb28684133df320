package eu.callmatch.common.spreadsheet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Collectors;

/** How a cell's value is written, the same in CSV and XLSX. */
final class Cells {

    /** Lists (deadlines, reasons) become one cell, an item a line. */
    static final String LIST_SEPARATOR = "\n";

    private Cells() {
    }

    /**
     * A text cell that a spreadsheet program would take for a formula (OWASP "CSV injection": it starts with
     * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets a leading apostrophe, which the
     * program shows as text. Every text cell passes here, whatever its source: notes, names and titles come from
     * users and imported files.
     */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /**
     * The value to write: numbers, booleans and dates as they are (spreadsheets have types for them), instants as
     * ISO-8601 text in UTC (a spreadsheet date has no zone), everything else as neutralised text; null stays null.
     */
    static Object value(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean
                || value instanceof java.time.LocalDate) {
            return value;
        }
        if (value instanceof OffsetDateTime time) {
            return iso(time.toInstant());
        }
        if (value instanceof ZonedDateTime time) {
            return iso(time.toInstant());
        }
        if (value instanceof Instant time) {
            return iso(time);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Collection<?> items) {
            return neutralise(items.stream().map(Cells::value).map(v -> v == null ? "" : v.toString())
                    .collect(Collectors.joining(LIST_SEPARATOR)));
        }
        return neutralise(value.toString());
    }

    private static String iso(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time);
    }
}
