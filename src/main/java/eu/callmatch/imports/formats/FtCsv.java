package eu.callmatch.imports.formats;

import eu.callmatch.calls.rest.CallDto;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ft-csv}: the Funding &amp; Tenders Portal's topic search exported as CSV (comma, RFC 4180, quoted multi-line
 * HTML fields, header row; columns are read by name because exports differ in order, and some carry a BOM).
 *
 * <p>Every row is passed on in file order, duplicates included: the portal lists a topic once per cascade-funding
 * call or action, and the importer upserts by identifier, so the last row of a file wins, as the newest file wins
 * across files.
 * The export has no call identifier, and none is guessed: cutting the topic number off the identifier gives a
 * wrong call for about a quarter of Horizon Europe topics (e.g. {@code ...-01-CNECT} calls).
 */
public final class FtCsv {

    public static final String FORMAT = "ft-csv";

    private static final Set<String> REQUIRED = Set.of("identifier", "title", "deadline");

    private FtCsv() {
    }

    /** {@link #read(Reader, InputLimits, RecordSink)} with the default limits. */
    public static void read(Reader csv, RecordSink<CallDto> sink) {
        read(csv, InputLimits.DEFAULTS, sink);
    }

    /** @throws FormatException when the header is not an ft-csv header or the quoting is broken */
    public static void read(Reader csv, InputLimits limits, RecordSink<CallDto> sink) {
        CsvInput.read(csv, ',', REQUIRED, FORMAT, limits, sink::reject, row -> {
            String identifier = row.get("identifier");
            if (!row.complete()) {
                sink.reject(row.line(), row.excerpt(), "has " + row.record().size() + " fields, the header " + row.columns());
                return;
            }
            String problem = PortalValues.identifierProblem(identifier);
            if (problem == null && row.get("title") == null) {
                problem = "no title";
            }
            if (problem != null) {
                sink.reject(row.line(), row.excerpt(), problem);
                return;
            }
            try {
                sink.accept(row.line(), call(row, identifier));
            } catch (DateTimeParseException e) {
                sink.reject(row.line(), identifier, "bad date '" + e.getParsedString() + "'");
            } catch (NumberFormatException e) {
                sink.reject(row.line(), identifier, "bad amount: " + e.getMessage());
            }
        });
    }

    private static CallDto call(CsvInput.Row row, String identifier) {
        List<LocalDate> deadlines = new ArrayList<>();
        deadlines.add(PortalValues.date(row.get("deadline")));
        deadlines.add(PortalValues.date(row.get("deadline2")));
        deadlines = PortalValues.deadlines(deadlines);
        BigDecimal min = PortalValues.amount(row.get("budget_min"));
        BigDecimal max = PortalValues.amount(row.get("budget_max"));
        return new CallDto(identifier, null, row.get("title"), null,
                PortalValues.programme(identifier), null,
                PortalValues.cap(PortalValues.text(row.get("destination_details")), 2000),
                PortalValues.actionCode(row.get("action_type")), null, openingDate(row.get("start_date")),
                deadlines, PortalValues.deadlineModel(row.get("submission_procedure"), deadlines), min, max, null,
                integer(row.get("project_number")), description(row), null, null,
                PortalValues.topicUrl(identifier), FORMAT,
                null, null, null, null);
    }

    /** The topic text plus the mission, further information and how to apply, which the portal shows on the same page. */
    private static String description(CsvInput.Row row) {
        List<String> parts = new ArrayList<>();
        for (String column : List.of("description", "mission_details", "further_information", "beneficiary_administration")) {
            String text = PortalValues.text(row.get(column));
            if (text != null) {
                parts.add(text);
            }
        }
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    /**
     * Opening dates are midnight Brussels written in UTC ({@code 2024-05-06T22:00:00} is 7 May), so a time from
     * 22:00 on is the next day; deadlines (17:00 Brussels) are read as written.
     */
    private static LocalDate openingDate(String value) {
        LocalDate date = PortalValues.date(value);
        if (date != null && value.length() >= 13 && value.charAt(10) == 'T'
                && LocalDateTime.parse(value.strip()).getHour() >= 22) {
            return date.plusDays(1);
        }
        return date;
    }

    private static Integer integer(String value) {
        BigDecimal amount = PortalValues.amount(value);
        return amount == null ? null : amount.intValue();
    }
}
