package eu.callmatch.common.rest;

import eu.callmatch.common.error.ProblemException;

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

    public static <E extends Enum<E>> E parse(String parameter, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("query", parameter, "'" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
