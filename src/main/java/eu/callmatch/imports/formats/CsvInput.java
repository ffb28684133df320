package eu.callmatch.imports.formats;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A CSV file with a header row, read record by record: strips a BOM, checks the delimiter and the required
 * columns (a {@link FormatException} at line 1), knows the line each record starts on, turns a broken quote
 * into a {@link FormatException} with its line, and rejects a record beyond the {@link InputLimits} without holding
 * it (see {@link BoundedCsv}).
 */
final class CsvInput {

    private CsvInput() {
    }

    /** Where a record that cannot be read goes, with its line. */
    interface Rejections {
        void reject(long line, String record, String reason);
    }

    /** A record with its header map; {@code line} is where it starts. */
    record Row(long line, CSVRecord record, int columns) {

        /** The trimmed value of a column, or null when blank or the column is absent. */
        String get(String column) {
            return record.isMapped(column) && record.isSet(column) ? PortalValues.blankToNull(record.get(column)) : null;
        }

        boolean complete() {
            return record.size() == columns;
        }

        String excerpt() {
            String first = record.size() > 0 ? record.get(0) : "";
            return first.length() > 80 ? first.substring(0, 80) : first;
        }
    }

    /**
     * Reads every record after the header and hands it to {@code rows} with its start line. Blank lines are skipped;
     * a record with a line, a field or in all longer than {@code limits} goes to {@code rejections}.
     *
     * @throws FormatException when the header lacks a required column, is too long, or the quoting is broken
     */
    static void read(Reader input, char delimiter, Collection<String> required, String format, InputLimits limits,
                     Rejections rejections, Consumer<Row> rows) {
        CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(false).setAllowMissingColumnNames(true).setAllowDuplicateHeaderNames(true)
                .get();
        try (BoundedCsv bounded = new BoundedCsv(withoutBom(input), delimiter, limits, format);
             CSVParser parser = csv.parse(bounded)) {
            List<String> header = parser.getHeaderNames();
            checkHeader(header, delimiter, required, format);
            long lineAfterPrevious = parser.getCurrentLineNumber();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new FormatException(lineAfterPrevious + 1, 1,
                            "not " + format + ": " + rootMessage(e) + " (a quoted field that never ends: truncated file?)", e);
                }
                long line = lineAfterPrevious + 1;
                lineAfterPrevious = parser.getCurrentLineNumber();
                rejectSkipped(bounded, rejections);
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                String tooLong = tooLongField(record, header, limits.maxField());
                if (tooLong != null) {
                    rejections.reject(line, new Row(line, record, header.size()).excerpt(), tooLong);
                    continue;
                }
                rows.accept(new Row(line, record, header.size()));
            }
            rejectSkipped(bounded, rejections);
        } catch (IOException | UncheckedIOException e) {
            throw new FormatException(1, 1, "not " + format + ": " + rootMessage(e), e);
        } catch (IllegalArgumentException e) {
            throw new FormatException(1, 1, "not " + format + ": bad header: " + e.getMessage(), e);
        }
    }

    private static void rejectSkipped(BoundedCsv bounded, Rejections rejections) {
        for (BoundedCsv.Skipped skipped = bounded.skipped(); skipped != null; skipped = bounded.skipped()) {
            rejections.reject(skipped.line(), skipped.excerpt(), skipped.reason());
        }
    }

    private static String tooLongField(CSVRecord record, List<String> header, int max) {
        for (int i = 0; i < record.size(); i++) {
            if (record.get(i).length() > max) {
                String name = i < header.size() && !header.get(i).isBlank() ? "'" + header.get(i).strip() + "'" : (i + 1) + "";
                return "field " + name + " is longer than " + InputLimits.number(max) + " characters";
            }
        }
        return null;
    }

    private static void checkHeader(List<String> header, char delimiter, Collection<String> required, String format) {
        List<String> missing = new ArrayList<>(required);
        missing.removeAll(header.stream().map(String::strip).toList());
        if (missing.isEmpty()) {
            return;
        }
        String other = header.size() == 1 ? otherDelimiter(header.get(0), delimiter) : null;
        if (other != null) {
            throw new FormatException(1, header.get(0).indexOf(other) + 1, "not " + format + ": the header is separated by '"
                    + other + "', expected '" + delimiter + "'");
        }
        throw new FormatException(1, header.size() + 1, "not " + format + ": missing required column(s) " + missing
                + "; the header has " + header);
    }

    private static String otherDelimiter(String onlyColumn, char expected) {
        for (String candidate : List.of(";", ",", "\t", "|")) {
            if (candidate.charAt(0) != expected && onlyColumn.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Excel and the portal write a UTF-8 BOM; commons-csv would make it part of the first column's name. */
    static Reader withoutBom(Reader input) throws IOException {
        PushbackReader reader = new PushbackReader(input, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
