package eu.callmatch.common.rest;

import eu.callmatch.common.error.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Comma-separated query parameters, such as {@code status=OPEN,FORTHCOMING}. */
public final class QueryLists {

    private QueryLists() {
    }

    public static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The named constants of {@code type}, case-insensitive; a 400 naming the parameter for an unknown one. */
    public static <E extends Enum<E>> List<E> enums(String parameter, String value, Class<E> type) {
        return split(value).stream().map(v -> parse(parameter, v, type)).distinct().toList();
    }

    /**
     * An ISO date query parameter. Parsed here rather than by JAX-RS, which answers a failed conversion of a
     * query parameter with 404.
     */
    public static LocalDate date(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("query", parameter, "'" + value + "' is not a date like 2026-09-30");
        }
        String outside = outsideRange(date);
        if (outside != null) {
            throw ProblemException.invalid("query", parameter, outside);
        }
        return date;
    }

    /**
     * The dates the API takes, in parameters and bodies alike: four-digit years, which every date computed from them
     * stays within.
     */
    public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    /** Why a date is not one the API takes, or null when it is. */
    public static String outsideRange(LocalDate date) {
        return date == null || !date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE) ? null
                : "'" + date + "' is not between " + FIRST_DATE + " and " + LAST_DATE;
    }

    public static <E extends Enum<E>> E parse(String parameter, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("query", parameter, "'" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
