package eu.callmatch.calls.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.CallKind;
import eu.callmatch.calls.CallOutline;
import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallTranslation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Calls read by identifier with plain JDBC, for the reads that only hand them on: a page of search hits, a ranked
 * list, the indexer's batches. Through Hibernate, building the entities cost more than reading the rows (three
 * quarters of a search page's read, in a JFR profile); nothing here is written back. The columns are those of
 * {@code Call}, read as Hibernate reads them ({@code CallRowsTest} compares the two on a call with every field set).
 */
final class CallRows {

    private static final List<String> COLUMNS = List.of("identifier", "call_identifier", "title", "call_title",
            "programme", "cluster", "destination", "action_type", "status", "opening_date", "deadlines",
            "deadline_model", "budget_min", "budget_max", "total_budget", "expected_grants", "description", "keywords",
            "conditions", "url", "source", "source_updated_at", "left_source_on", "created_at", "updated_at", "kind",
            "parent_topic", "translations", "as_of");

    private static final String CALLS = select(true);

    private static final String CALLS_WITHOUT_LONG_TEXTS = select(false);

    private static final String OUTLINES = "select identifier, title, programme, action_type, status, deadlines, "
            + "deadline_model, budget_min, budget_max, url, kind, parent_topic, case when ? then (title || ' ' || "
            + "coalesce(description, '')) ~* '\\m(smes?|small and medium-sized enterprises?)\\M' else false end "
            + "from call where identifier = any(?)";

    private CallRows() {
    }

    // one array parameter: the statement is the same for any number of calls
    private static String select(boolean longTexts) {
        return COLUMNS.stream().map(column -> longTexts || !CallDto.LONG_TEXTS.contains(column) ? column : "null")
                .collect(Collectors.joining(", ", "select ", " from call where identifier = any(?)"));
    }

    /**
     * The calls with these identifiers that exist, by identifier; {@code translations} reads their JSON column. Without
     * {@code longTexts}, PostgreSQL leaves the description, the conditions and the translations unread: the calls
     * have none.
     */
    static Map<String, CallDto> calls(Connection connection, Collection<String> identifiers, boolean longTexts,
                                      ObjectReader translations) throws SQLException {
        return byIdentifier(connection, longTexts ? CALLS : CALLS_WITHOUT_LONG_TEXTS, identifiers,
                row -> call(row, translations));
    }

    /** The outlines of the calls with these identifiers, by identifier: see {@code CallService.outlines}. */
    static Map<String, CallOutline> outlines(Connection connection, Collection<String> identifiers,
                                             boolean smeMentions) throws SQLException {
        return byIdentifier(connection, OUTLINES, identifiers, CallRows::outline, smeMentions);
    }

    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * The rows {@code select} finds, by their first column (the identifier), each as {@code reader} reads it:
     * {@code select}'s parameters are {@code first}, then the identifiers as one array.
     */
    private static <T> Map<String, T> byIdentifier(Connection connection, String select,
                                                   Collection<String> identifiers, RowReader<T> reader,
                                                   Object... first) throws SQLException {
        Map<String, T> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            for (int i = 0; i < first.length; i++) {
                statement.setObject(i + 1, first[i]);
            }
            statement.setArray(first.length + 1, connection.createArrayOf("text", identifiers.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    found.put(row.getString(1), reader.read(row));
                }
            }
        }
        return found;
    }

    private static CallDto call(ResultSet row, ObjectReader translations) throws SQLException {
        return new CallDto(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), status(row.getString(9)),
                row.getObject(10, LocalDate.class), dates(row.getString(11)), row.getString(12), row.getBigDecimal(13),
                row.getBigDecimal(14), row.getBigDecimal(15), (Integer) row.getObject(16), row.getString(17),
                strings(row.getArray(18)), row.getString(19), row.getString(20), row.getString(21),
                row.getObject(22, OffsetDateTime.class), row.getObject(23, LocalDate.class),
                row.getObject(24, OffsetDateTime.class), row.getObject(25, OffsetDateTime.class),
                kind(row.getString(26)), row.getString(27), translations(row.getString(28), translations),
                row.getObject(29, OffsetDateTime.class));
    }

    private static CallOutline outline(ResultSet row) throws SQLException {
        return new CallOutline(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                status(row.getString(5)), dates(row.getString(6)), row.getString(7), row.getBigDecimal(8),
                row.getBigDecimal(9), row.getString(10), kind(row.getString(11)), row.getString(12),
                row.getBoolean(13));
    }

    private static CallStatus status(String name) {
        return name == null ? null : CallStatus.valueOf(name);
    }

    private static CallKind kind(String name) {
        return name == null ? null : CallKind.valueOf(name);
    }

    /**
     * A {@code date[]} from its text, as PostgreSQL writes it ({@code {2026-05-07,2026-09-30}}, ISO dates: the driver
     * sets that date style), without its null elements. Read as a JDBC array instead, each date went through a
     * {@code java.sql.Date} and a calendar.
     */
    private static List<LocalDate> dates(String array) {
        if (array == null || array.length() <= 2) {
            return List.of();
        }
        List<LocalDate> dates = new ArrayList<>();
        for (String date : array.substring(1, array.length() - 1).split(",")) {
            if (!date.equals("NULL")) {
                dates.add(date(date));
            }
        }
        return List.copyOf(dates);
    }

    /**
     * An ISO date. yyyy-mm-dd, as every date the API takes is (four-digit years), is read by hand: with
     * LocalDate.parse, its formatter was most of what reading a page's dates still cost in a JFR profile.
     */
    private static LocalDate date(String date) {
        if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-') {
            return LocalDate.parse(date);
        }
        return LocalDate.of(Integer.parseInt(date, 0, 4, 10), Integer.parseInt(date, 5, 7, 10),
                Integer.parseInt(date, 8, 10, 10));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((String[]) array.getArray()).filter(Objects::nonNull)
                .toList();
    }

    private static List<CallTranslation> translations(String json, ObjectReader reader) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            return List.copyOf(reader.<List<CallTranslation>>readValue(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call's stored translations are not valid JSON", e);
        }
    }
}
