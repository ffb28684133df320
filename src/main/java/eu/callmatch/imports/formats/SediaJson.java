package eu.callmatch.imports.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import eu.callmatch.calls.CallStatus;
import eu.callmatch.common.text.PlainMessages;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What the two SEDIA formats share: a streaming JSON parser, the budget overview and the action list. */
final class SediaJson {

    /** For the JSON inside a string, which the field cap has bounded already. */
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** A string longer than the field cap is a broken or hostile body (the parser cannot skip it and go on). */
    static ObjectMapper mapper(InputLimits limits) {
        return mapper(StreamReadConstraints.builder().maxStringLength(limits.maxField()).build());
    }

    /** A topic document is one record read whole, so its size is capped; a search response is read result by result. */
    static ObjectMapper documentMapper(InputLimits limits) {
        return mapper(StreamReadConstraints.builder().maxStringLength(limits.maxField())
                .maxDocumentLength(limits.maxRecord()).build());
    }

    private static ObjectMapper mapper(StreamReadConstraints constraints) {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
    }

    /**
     * The object the parser is at, or null when it is longer than {@code maxRecord} characters: then it is read past
     * token by token, never held whole, and the parser is after it.
     */
    static JsonNode boundedObject(JsonParser parser, ObjectMapper mapper, int maxRecord) throws IOException {
        long start = parser.currentTokenLocation().getCharOffset();
        TokenBuffer buffer = new TokenBuffer(parser);
        buffer.copyCurrentEvent(parser);
        for (int depth = 1; depth > 0; ) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                break;
            }
            depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            if (parser.currentLocation().getCharOffset() - start > maxRecord) {
                while (depth > 0 && (token = parser.nextToken()) != null) {
                    if (token.isStructStart()) {
                        parser.skipChildren();
                    } else if (token.isStructEnd()) {
                        depth--;
                    }
                }
                return null;
            }
            buffer.copyCurrentEvent(parser);
        }
        try (JsonParser buffered = buffer.asParser(mapper)) {
            return mapper.readTree(buffered);
        }
    }

    private SediaJson() {
    }

    static JsonParser open(Reader json, String format, ObjectMapper mapper) {
        try {
            JsonParser parser = mapper.createParser(json);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new FormatException(line(parser), column(parser), "not " + format + ": expected a JSON object");
            }
            return parser;
        } catch (StreamReadException e) {
            throw notJson(e, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FormatException tooBig(StreamConstraintsException e, String format) {
        var location = e.getLocation();
        return new FormatException(location == null ? 1 : location.getLineNr(), location == null ? 1 : location.getColumnNr(),
                "not " + format + ": " + PlainMessages.plain(e.getOriginalMessage()), e);
    }

    static FormatException notJson(StreamReadException e, String format) {
        var location = e.getLocation();
        return new FormatException(location == null ? 1 : location.getLineNr(), location == null ? 1 : location.getColumnNr(),
                "not " + format + ": " + PlainMessages.plain(e.getOriginalMessage()), e);
    }

    static long line(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    static long column(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getColumnNr());
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : PortalValues.blankToNull(node.asText());
    }

    /** A JSON document inside a string, as the search API writes {@code budgetOverview} and {@code actions}. */
    static JsonNode embedded(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad embedded JSON: " + PlainMessages.plain(e.getMessage()), e);
        }
    }

    /** The budget of a topic from a budget overview: min/max contribution, expected grants, total over years. */
    record Budget(BigDecimal min, BigDecimal max, Integer expectedGrants, BigDecimal total) {
        static final Budget NONE = new Budget(null, null, null, null);
    }

    /**
     * The overview lists every action of the call ({@code "EUAF-2023-TRAI-03 - EUAF-PJG ..."}); the topic's own
     * entries are those that name it, or all of them when none names a topic. Zero contributions mean "not given".
     */
    static Budget budget(JsonNode overview, String identifier) {
        if (overview == null || !overview.has("budgetTopicActionMap")) {
            return Budget.NONE;
        }
        List<JsonNode> all = new ArrayList<>();
        overview.get("budgetTopicActionMap").forEach(value -> {
            if (value.isArray()) {
                value.forEach(all::add);
            } else {
                all.add(value);
            }
        });
        List<JsonNode> own = all.stream().filter(a -> String.valueOf(text(a.get("action"))).startsWith(identifier + " ")).toList();
        List<JsonNode> entries = own.isEmpty() && all.stream().noneMatch(a -> String.valueOf(text(a.get("action"))).contains(" - "))
                ? all : own;
        BigDecimal min = null, max = null, total = null;
        Integer grants = null;
        for (JsonNode entry : entries) {
            min = least(min, positive(entry.get("minContribution")));
            max = greatest(max, positive(entry.get("maxContribution")));
            BigDecimal expected = positive(entry.get("expectedGrants"));
            if (expected != null) {
                grants = (grants == null ? 0 : grants) + expected.intValue();
            }
            for (JsonNode year : entry.path("budgetYearMap")) {
                BigDecimal amount = positive(year);
                total = amount == null ? total : total == null ? amount : total.add(amount);
            }
        }
        return new Budget(min, max, grants, total);
    }

    /** Deadlines, opening date and types of action of the {@code actions} list. */
    record Actions(LocalDate opening, List<LocalDate> deadlines, String actionType, String submissionProcedure,
                   Long statusCode) {
    }

    static Actions actions(JsonNode actions) {
        LocalDate opening = null;
        List<LocalDate> deadlines = new ArrayList<>();
        String actionType = null, procedure = null;
        Long status = null;
        for (JsonNode action : actions == null ? List.<JsonNode>of() : actions) {
            LocalDate planned = PortalValues.date(text(action.get("plannedOpeningDate")));
            opening = opening == null || (planned != null && planned.isBefore(opening)) ? planned : opening;
            action.path("deadlineDates").forEach(d -> deadlines.add(PortalValues.date(text(d))));
            if (actionType == null) {
                actionType = PortalValues.actionCode(text(action.path("types").path(0).get("typeOfAction")));
            }
            procedure = procedure != null ? procedure : text(action.path("submissionProcedure").get("abbreviation"));
            status = status != null || !action.path("status").has("id") ? status : action.path("status").get("id").asLong();
        }
        return new Actions(opening, PortalValues.deadlines(deadlines), actionType, procedure, status);
    }

    static CallStatus status(Long code) {
        if (code == null) {
            return null;
        }
        return switch (code.intValue()) {
            case 31094501 -> CallStatus.FORTHCOMING;
            case 31094502 -> CallStatus.OPEN;
            case 31094503 -> CallStatus.CLOSED;
            default -> null;
        };
    }

    private static BigDecimal positive(JsonNode node) {
        String text = text(node);
        BigDecimal amount = text == null ? null : PortalValues.amount(text);
        return amount == null || amount.signum() == 0 ? null : amount;
    }

    private static BigDecimal least(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.min(b);
    }

    private static BigDecimal greatest(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.max(b);
    }
}
