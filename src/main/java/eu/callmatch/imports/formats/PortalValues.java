package eu.callmatch.imports.formats;

import eu.callmatch.calls.CallDto;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** How the EU's sources write dates, money, programmes and HTML, turned into the service's values. */
final class PortalValues {

    /** Deadlines and opening dates are Brussels dates; the portal writes instants in several shapes. */
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    static final String TOPIC_URL =
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/";

    /** Identifier prefix (or framework abbreviation without its year) to programme; the one place to extend. */
    private static final Map<String, String> PROGRAMMES = Map.ofEntries(
            Map.entry("HORIZON", "Horizon Europe"), Map.entry("ERC", "Horizon Europe"),
            Map.entry("EURATOM", "Euratom"), Map.entry("H2020", "Horizon 2020"),
            Map.entry("DIGITAL", "Digital Europe"), Map.entry("LIFE", "LIFE"),
            Map.entry("SMP", "Single Market Programme"), Map.entry("CEF", "Connecting Europe Facility"),
            Map.entry("EDF", "European Defence Fund"), Map.entry("CREA", "Creative Europe"),
            Map.entry("EU4H", "EU4Health"), Map.entry("ERASMUS", "Erasmus+"),
            Map.entry("CERV", "Citizens, Equality, Rights and Values"),
            Map.entry("I3", "Interregional Innovation Investments"), Map.entry("ISF", "Internal Security Fund"),
            Map.entry("AMIF", "Asylum, Migration and Integration Fund"),
            Map.entry("EMFAF", "European Maritime, Fisheries and Aquaculture Fund"),
            Map.entry("ESC", "European Solidarity Corps"), Map.entry("RFCS", "Research Fund for Coal and Steel"),
            Map.entry("JTM", "Just Transition Mechanism"), Map.entry("EUAF", "Union Anti-Fraud Programme"),
            Map.entry("PPPA", "Pilot Projects and Preparatory Actions"), Map.entry("EUBA", "EU Bodies and Agencies"),
            Map.entry("SOCPL", "Social Prerogative and Specific Competencies Lines"), Map.entry("ESF", "ESF+"));

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter OFFSET_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(,\\d{3}){2,}");

    private PortalValues() {
    }

    /** Trimmed text, or null for blank and the literal {@code null} some exports write. */
    static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() || "null".equals(trimmed) ? null : trimmed;
    }

    /**
     * Plain text of an HTML fragment: block elements and {@code <br>} become line breaks (at most one empty line in a
     * row), entities are decoded, other white space (line breaks in the source included) is one space.
     */
    static String text(String html) {
        String value = blankToNull(html);
        if (value == null) {
            return null;
        }
        if (value.indexOf('<') < 0 && value.indexOf('&') < 0) {
            return blankToNull(tidy(value, false)); // plain text: no parser needed
        }
        StringBuilder out = new StringBuilder(value.length());
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText());
                } else if (node instanceof Element element) {
                    boolean lineStart = element.nameIs("br") || LINE_STARTS.contains(element.normalName());
                    out.append(lineStart ? BREAK : element.isBlock() ? ' ' : "");
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element.isBlock()) {
                    out.append(' '); // the end of a table cell, say: words on either side stay apart
                }
            }
        }, Jsoup.parseBodyFragment(value).body());
        return blankToNull(tidy(out.toString(), true));
    }

    /** Elements that start a new line of text. */
    private static final Set<String> LINE_STARTS = Set.of("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr");
    /** Marks a line break of the markup while the text is collected (a character text never holds). */
    private static final char BREAK = '\uFFFF';

    /**
     * One pass: white space runs become one space, breaks lose the spaces around them, three breaks become two,
     * invisible characters go.
     */
    private static String tidy(String text, boolean markedBreaks) {
        StringBuilder out = new StringBuilder(text.length());
        int breaks = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (markedBreaks && c == BREAK) {
                breaks++;
                space = false;
            } else if (Character.isWhitespace(c) || c == '\u00A0') {
                space = breaks == 0;
            } else if (c == '\u200B' || c == '\u00AD') {
                continue; // zero-width space, soft hyphen: invisible, and they would split words
            } else {
                if (out.length() > 0) {
                    if (breaks > 0) {
                        out.append(breaks >= 2 ? "\n\n" : "\n");
                    } else if (space) {
                        out.append(' ');
                    }
                }
                breaks = 0;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Text cut to {@code max} characters at a word boundary (the API caps some fields). */
    static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }

    /**
     * A date in any of the portal's shapes: {@code 2024-12-05}, {@code 2025-06-12T00:00:00} (Brussels local),
     * {@code 2023-05-11T02:00:00.000+0200}, {@code 09 March 2023} or epoch milliseconds {@code 1733180400000}.
     *
     * @throws DateTimeParseException when it is none of them
     */
    /**
     * A portal time stamp ({@code 2024-08-05T15:46:39.821+0200}), or null when blank or unreadable: it only says how
     * new a record is, and without it the time of the fetch stands in.
     */
    static OffsetDateTime instant(String value) {
        String text = blankToNull(value);
        try {
            return text == null ? null : OffsetDateTime.parse(text, OFFSET_DATE_TIME);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static LocalDate date(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if (text.matches("-?\\d{10,}")) {
            return Instant.ofEpochMilli(Long.parseLong(text)).atZone(BRUSSELS).toLocalDate();
        }
        if (text.matches("\\d{1,2} \\p{L}+ \\d{4}")) {
            return LocalDate.parse(text, LONG_DATE);
        }
        if (text.length() == 10) {
            return LocalDate.parse(text);
        }
        if (text.length() > 19 && (text.contains("+") || text.lastIndexOf('-') > 10)) {
            return OffsetDateTime.parse(text, OFFSET_DATE_TIME).atZoneSameInstant(BRUSSELS).toLocalDate();
        }
        return LocalDateTime.parse(text).toLocalDate();
    }

    /**
     * An amount in EUR: {@code 1234}, {@code 1234.5}, {@code 1234,5} (decimal comma), {@code 1.234,5} or
     * {@code 1,234,567}. Null for blank.
     *
     * @throws NumberFormatException when it is not an amount, or negative
     */
    static BigDecimal amount(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        text = text.replaceAll("[\\s\\u00A0']", "");
        if (text.contains(",") && text.contains(".")) {
            text = text.indexOf(',') > text.indexOf('.') ? text.replace(".", "").replace(',', '.') : text.replace(",", "");
        } else if (THOUSANDS.matcher(text).matches()) {
            text = text.replace(",", "");
        } else {
            text = text.replace(',', '.');
        }
        BigDecimal amount = new BigDecimal(text);
        if (amount.signum() < 0) {
            throw new NumberFormatException("negative amount " + value);
        }
        return amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
    }

    /** The programme of a topic id, legal basis or framework ({@code HORIZON-CL5-2024-D3-01-01}, {@code HORIZON.2.5}, {@code CEF2027}). */
    static String programme(String identifier) {
        if (identifier == null) {
            return null;
        }
        String prefix = identifier.split("[-.]", 2)[0].toUpperCase(Locale.ROOT);
        return PROGRAMMES.getOrDefault(prefix, PROGRAMMES.get(prefix.replaceFirst("(?<=[A-Z])20\\d\\d$", "")));
    }

    /** The type-of-action code of {@code "HORIZON-RIA HORIZON Research and Innovation Actions"}. */
    static String actionCode(String typeOfAction) {
        String text = blankToNull(typeOfAction);
        return text == null ? null : text.split("\\s+", 2)[0];
    }

    static String topicUrl(String identifier) {
        return TOPIC_URL + identifier.toLowerCase(Locale.ROOT);
    }

    /** Sorted, without duplicates and nulls. */
    static List<LocalDate> deadlines(List<LocalDate> dates) {
        return new ArrayList<>(dates.stream().filter(d -> d != null).distinct().sorted().toList());
    }

    /** single-stage / two-stage from the number of deadlines, where the source names no model. */
    static String deadlineModel(String given, List<LocalDate> deadlines) {
        String model = blankToNull(given);
        if (model != null) {
            return model;
        }
        return deadlines.isEmpty() ? null : deadlines.size() == 2 ? "two-stage" : deadlines.size() == 1 ? "single-stage" : "multiple cut-off";
    }

    /** Whether an identifier is usable as a Call identifier (the API's pattern). */
    static String identifierProblem(String identifier) {
        if (identifier == null) {
            return "no identifier";
        }
        if (!identifier.matches(CallDto.IDENTIFIER_PATTERN) || identifier.length() > 200) {
            return "identifier '" + identifier + "' " + CallDto.IDENTIFIER_MESSAGE;
        }
        return null;
    }
}
