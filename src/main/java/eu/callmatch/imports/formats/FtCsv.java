package eu.callmatch.imports.formats;

import eu.callmatch.calls.CallKind;
import eu.callmatch.calls.CallTranslation;
import eu.callmatch.calls.CallDto;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ft-csv}: the Funding &amp; Tenders Portal's topic search exported as CSV (comma, RFC 4180, quoted multi-line
 * HTML fields, header row; columns are read by name because exports differ in order, and some carry a BOM).
 *
 * <p>An export lists one identifier on several rows, for three reasons its {@code reference} column tells apart, and
 * each row goes where it belongs, so that a file yields each record once and importing it again changes nothing:
 * <ul>
 *   <li>cascade-funding calls ({@code 6042COMPETITIVE_CALLen}): open calls that an EU-funded project runs for third
 *   parties, several under the topic that funds the project, each with its own dates, budget and text. Each is a
 *   record of its own, {@code <topic>-CASCADE-<number>}, kind CASCADE_FUNDING, with the topic as its parent;</li>
 *   <li>language versions of a tender ({@code 172802PROSPECTSEN}, {@code ...ES}, {@code ...FR}): one record, the
 *   English text main (else the first row's), the other languages kept as translations;</li>
 *   <li>identical rows: counted once. A later, different row of the same record otherwise wins (the portal lists a
 *   few topics under both their topic and their call reference).</li>
 * </ul>
 * What was folded is reported to {@link RecordSink#merged}. Rows are held by record until the end of the file, so
 * that the first row of a record does not go out before its later versions: an export is a search result (hundreds
 * of rows, a few MB), and the import's body limit bounds it.
 * The export has no call identifier, and none is guessed: cutting the topic number off the identifier gives a
 * wrong call for about a quarter of Horizon Europe topics (e.g. {@code ...-01-CNECT} calls).
 */
public final class FtCsv {

    public static final String FORMAT = "ft-csv";

    private static final Set<String> REQUIRED = Set.of("identifier", "title", "deadline");
    /** A cascade-funding call's reference: its number on the portal, then COMPETITIVE_CALL and a language. */
    private static final Pattern CASCADE = Pattern.compile("(\\d+)COMPETITIVE_CALL[A-Za-z]{0,3}");
    /** A tender's reference: its number, PROSPECTS, and the language of the row. */
    private static final Pattern TENDER = Pattern.compile("(\\d+)PROSPECTS([A-Za-z]{2})");
    private static final String ENGLISH = "en";
    private static final String CASCADE_URL =
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/competitive-calls-cs/";

    private FtCsv() {
    }

    /** {@link #read(Reader, InputLimits, RecordSink)} with the default limits. */
    public static void read(Reader csv, RecordSink<CallDto> sink) {
        read(csv, InputLimits.DEFAULTS, sink);
    }

    /** @throws FormatException when the header is not an ft-csv header or the quoting is broken */
    public static void read(Reader csv, InputLimits limits, RecordSink<CallDto> sink) {
        Map<String, Folded> records = new LinkedHashMap<>();
        try {
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
                CallDto call;
                try {
                    call = call(row, identifier);
                } catch (DateTimeParseException e) {
                    sink.reject(row.line(), identifier, "bad date '" + e.getParsedString() + "'");
                    return;
                } catch (NumberFormatException e) {
                    sink.reject(row.line(), identifier, "bad amount: " + e.getMessage());
                    return;
                }
                Folded folded = records.get(call.identifier());
                if (folded == null) {
                    records.put(call.identifier(), new Folded(row.line(), call, language(row)));
                } else {
                    String merged = folded.add(call, language(row));
                    sink.merged(merged);
                }
            });
        } finally {
            // also when the file breaks off: the records read before the break are whole, and imported all the same
            records.values().forEach(folded -> sink.accept(folded.line, folded.call()));
        }
    }

    /** The rows of one record in a file: the main one and the other language versions. */
    private static final class Folded {
        final long line;
        CallDto main;
        String mainLanguage;
        final Map<String, CallDto> otherLanguages = new TreeMap<>();

        Folded(long line, CallDto first, String language) {
            this.line = line;
            main = first;
            mainLanguage = language;
        }

        /** Folds in a later row of the same record; returns how, as counted in the run's {@code merged}. */
        String add(CallDto row, String language) {
            if (language != null && !language.equals(mainLanguage)) {
                if (ENGLISH.equals(language)) {
                    if (mainLanguage != null) {
                        otherLanguages.put(mainLanguage, main);
                    }
                    main = row;
                    mainLanguage = language;
                } else {
                    otherLanguages.put(language, row);
                }
                return "languageVersions";
            }
            if (row.equals(main)) {
                return "identicalRows";
            }
            main = row;
            return "laterRowsOfTheSameRecord";
        }

        /** The main row with the other languages' text; most tenders repeat the English text, which is not kept. */
        CallDto call() {
            List<CallTranslation> translations = otherLanguages.entrySet().stream()
                    .filter(e -> !(Objects.equals(e.getValue().title(), main.title())
                            && Objects.equals(e.getValue().description(), main.description())))
                    .map(e -> new CallTranslation(e.getKey(), e.getValue().title(), e.getValue().description()))
                    .toList();
            return translations.isEmpty() ? main : main.withTranslations(translations);
        }
    }

    /** The language of a tender's row ({@code 172802PROSPECTSES}: es), else null. */
    private static String language(CsvInput.Row row) {
        Matcher tender = TENDER.matcher(Objects.requireNonNullElse(row.get("reference"), ""));
        return tender.matches() ? tender.group(2).toLowerCase(Locale.ROOT) : null;
    }

    private static CallDto call(CsvInput.Row row, String topic) {
        String reference = row.get("reference");
        Matcher cascade = CASCADE.matcher(Objects.requireNonNullElse(reference, ""));
        boolean isCascade = cascade.matches();
        String identifier = isCascade ? topic + "-CASCADE-" + cascade.group(1) : topic;
        CallKind kind = isCascade ? CallKind.CASCADE_FUNDING
                : TENDER.matcher(Objects.requireNonNullElse(reference, "")).matches() ? CallKind.TENDER
                : reference != null ? CallKind.TOPIC : null; // CL3.csv has no reference column: it does not say
        List<LocalDate> deadlines = new ArrayList<>();
        deadlines.add(PortalValues.date(row.get("deadline")));
        deadlines.add(PortalValues.date(row.get("deadline2")));
        deadlines = PortalValues.deadlines(deadlines);
        BigDecimal min = PortalValues.amount(row.get("budget_min"));
        BigDecimal max = PortalValues.amount(row.get("budget_max"));
        return new CallDto(identifier, null, row.get("title"), null,
                PortalValues.programme(topic), null,
                PortalValues.cap(PortalValues.text(row.get("destination_details")), 2000),
                PortalValues.actionCode(row.get("action_type")), null, openingDate(row.get("start_date")),
                deadlines, PortalValues.deadlineModel(row.get("submission_procedure"), deadlines), min, max, null,
                integer(row.get("project_number")), description(row), null, null,
                isCascade ? CASCADE_URL + cascade.group(1) : PortalValues.topicUrl(topic), FORMAT,
                null, null, null, null, kind, isCascade ? topic : null, null, null);
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
