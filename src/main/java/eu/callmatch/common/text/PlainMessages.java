package eu.callmatch.common.text;

/** Messages of parsers and libraries made fit for a caller: no Java, Jackson or PostgreSQL names. */
public final class PlainMessages {

    private PlainMessages() {
    }

    /**
     * A parser's message without what only a Java programmer could read: its first line, without the advice to
     * enable a parser feature or the names of classes; a plain phrase where one would remain.
     */
    public static String plain(String message) {
        if (message == null) {
            return "it cannot be read";
        }
        String plain = message.lines().findFirst().orElse("");
        for (String tail : new String[]{": enable ", " at [Source", " (start marker", "; expected", " (for "}) {
            int at = plain.indexOf(tail);
            if (at > 0) {
                plain = plain.substring(0, at);
            }
        }
        plain = plain.replaceAll("`[a-z][\\w$]*(\\.[\\w$]+)+`", "a value").strip();
        if (plain.length() > 300) {
            plain = plain.substring(0, 300) + "...";
        }
        if (plain.isEmpty() || plain.matches("(?s).*(java\\.|javax\\.|com\\.fasterxml|eu\\.callmatch|Jackson|Feature).*")) {
            return "it cannot be read";
        }
        return plain;
    }

    /**
     * Why the database refused a value, in words a caller can read: the first line of the innermost error (a JDBC
     * batch keeps it in its next exception, Hibernate in its cause), without the driver's framing ("ERROR: ",
     * "Batch entry 0 ... was aborted", "Call getNextException"); a NUL character named as such; at most 300 characters.
     */
    public static String databaseRefusal(Throwable e) {
        Throwable inner = e;
        for (int depth = 0; depth < 50; depth++) {
            Throwable next = inner instanceof java.sql.SQLException sql && sql.getNextException() != null
                    ? sql.getNextException() : inner.getCause();
            if (next == null || next == inner) {
                break;
            }
            inner = next;
        }
        String message = inner.getMessage() == null ? "" : inner.getMessage().lines().findFirst().orElse("");
        message = message.replaceFirst("^Batch entry \\d+ .*? was aborted: ", "").replaceFirst("^ERROR: ", "")
                .replaceFirst("\\s+Call getNextException.*$", "").strip();
        if (message.contains("0x00")) {
            return "a text holds a NUL character (\\u0000)";
        }
        if (message.isEmpty()) {
            return "the database refused it";
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    /** What a value should have been, in the caller's words (a JSON type), never a Java class. */
    public static String expected(com.fasterxml.jackson.databind.JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException format) {
            return "'" + format.getValue() + "' is not " + kind(format.getTargetType());
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + kind(mismatch.getTargetType());
        }
        return plain(e.getOriginalMessage());
    }

    /** A Java type as the JSON value a caller writes for it. */
    public static String kind(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        } else if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        } else if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        } else if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        } else if (type == java.time.LocalDate.class) {
            return "a date like 2026-09-30";
        } else if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date and time like 2026-09-30T12:00:00Z";
        }
        return "an object";
    }

    /** Where a mapping error sits in the document, as a caller writes it ({@code partners[2].pic}), or "". */
    public static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
    }

    /** A mapping error as "field: what was wrong", the field as a dotted path, or the error alone. */
    public static String field(com.fasterxml.jackson.databind.JsonMappingException e) {
        String field = path(e);
        return field.isEmpty() ? expected(e) : field + ": " + expected(e);
    }
}
