package eu.callmatch.common.rest;

import eu.callmatch.common.error.ProblemException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * Query parameters of the integer and boolean types read strictly, with a 400 that names the parameter: by the
 * JAX-RS rules a query parameter that does not convert is a 404 ("no resource"), and any boolean but {@code true}
 * is false, so {@code sme=yes} listed the non-SMEs. Only {@code true} and {@code false} (any case) are booleans.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = null;
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        if (name == null) {
            return null;
        }
        String parameter = name;
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) new Converter<>(parameter, value -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw ProblemException.invalid("query", parameter, "'" + value + "' is not true or false");
            });
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Converter<>(parameter, value -> (int) whole(parameter, value,
                    Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Converter<>(parameter, value -> whole(parameter, value, Long.MIN_VALUE,
                    Long.MAX_VALUE));
        }
        return null;
    }

    private static long whole(String parameter, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ProblemException.invalid("query", parameter, "'" + value + "' is not a whole number"
                + (max == Integer.MAX_VALUE ? " up to " + max : ""));
    }

    private interface Parse<T> {
        T parse(String value);
    }

    private record Converter<T>(String parameter, Parse<T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            return value == null ? null : parse.parse(value.strip());
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
