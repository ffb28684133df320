package eu.callmatch.imports.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import eu.callmatch.calls.CallDto;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sedia-search}: a response of the portal's search API ({@code {"results": [{"metadata": {...}}, ...]}}) or a
 * single result. A result is as of when the portal's search took it in ({@code esDA_IngestDate}): newer wins. Every
 * metadata value is an array of strings; {@code actions} and {@code budgetOverview} are JSON
 * inside those strings. Results are read one at a time; {@code line} is the line where a result starts.
 */
public final class SediaSearch {

    public static final String FORMAT = "sedia-search";

    private SediaSearch() {
    }

    /** {@link #read(Reader, InputLimits, RecordSink)} with the default limits. */
    public static void read(Reader json, RecordSink<CallDto> sink) {
        read(json, InputLimits.DEFAULTS, sink);
    }

    /**
     * A result longer than {@code limits.maxRecord()} characters is rejected and the next one read; a string longer
     * than {@code limits.maxField()} fails the file (a JSON parser cannot find the next result after it).
     *
     * @throws FormatException when the body is not JSON, is truncated, or has neither results nor metadata
     */
    public static void read(Reader json, InputLimits limits, RecordSink<CallDto> sink) {
        var mapper = SediaJson.mapper(limits);
        try (JsonParser parser = SediaJson.open(json, FORMAT, mapper)) {
            boolean found = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("results".equals(field) && value == JsonToken.START_ARRAY) {
                    found = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        long line = SediaJson.line(parser);
                        JsonNode result = SediaJson.boundedObject(parser, mapper, limits.maxRecord());
                        if (result == null) {
                            sink.reject(line, null, tooLong(limits));
                        } else {
                            result(line, result, sink);
                        }
                    }
                } else if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
                    found = true; // a single result (call_dto_*.json)
                    long line = SediaJson.line(parser);
                    JsonNode metadata = SediaJson.boundedObject(parser, mapper, limits.maxRecord());
                    if (metadata == null) {
                        sink.reject(line, null, tooLong(limits));
                    } else {
                        result(line, mapper.createObjectNode().set("metadata", metadata), sink);
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new FormatException(SediaJson.line(parser), SediaJson.column(parser), "not " + FORMAT + ": trailing content");
            }
            if (!found) {
                throw new FormatException(1, 1, "not " + FORMAT + ": neither results[] nor metadata{}");
            }
        } catch (StreamReadException e) {
            throw SediaJson.notJson(e, FORMAT);
        } catch (StreamConstraintsException e) {
            throw SediaJson.tooBig(e, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tooLong(InputLimits limits) {
        return "the result is longer than " + InputLimits.number(limits.maxRecord()) + " characters";
    }

    private static void result(long line, JsonNode result, RecordSink<CallDto> sink) {
        JsonNode metadata = result.path("metadata");
        String identifier = first(metadata, "identifier");
        String problem = PortalValues.identifierProblem(identifier);
        if (problem == null && first(metadata, "title") == null) {
            problem = "no title";
        }
        if (problem != null) {
            sink.reject(line, identifier != null ? identifier : SediaJson.text(result.get("reference")), problem);
            return;
        }
        try {
            sink.accept(line, call(metadata, identifier));
        } catch (DateTimeException | IllegalArgumentException e) {
            sink.reject(line, identifier, e.getMessage());
        }
    }

    private static CallDto call(JsonNode metadata, String identifier) {
        SediaJson.Actions actions = SediaJson.actions(SediaJson.embedded(first(metadata, "actions")));
        List<LocalDate> deadlines = new ArrayList<>(actions.deadlines());
        all(metadata, "deadlineDate").forEach(d -> deadlines.add(PortalValues.date(d)));
        List<LocalDate> sorted = PortalValues.deadlines(deadlines);
        var opening = PortalValues.date(first(metadata, "startDate"));
        SediaJson.Budget budget = SediaJson.budget(SediaJson.embedded(first(metadata, "budgetOverview")), identifier);
        String status = first(metadata, "status");
        List<String> keywords = new ArrayList<>(all(metadata, "keywords"));
        keywords.remove(identifier); // the API lists the identifier among the keywords
        String callIdentifier = first(metadata, "callIdentifier");
        return new CallDto(identifier, callIdentifier,
                first(metadata, "title"), first(metadata, "callTitle"), PortalValues.programme(identifier), null,
                PortalValues.cap(PortalValues.text(first(metadata, "destinationDescription")), 2000),
                actions.actionType(), SediaJson.status(status == null ? null : Long.valueOf(status)),
                opening != null ? opening : actions.opening(), sorted,
                PortalValues.deadlineModel(first(metadata, "deadlineModel"), sorted), budget.min(), budget.max(),
                budget.total(), budget.expectedGrants(), PortalValues.text(first(metadata, "descriptionByte")),
                keywords.isEmpty() ? null : keywords, PortalValues.text(first(metadata, "topicConditions")),
                PortalValues.topicUrl(identifier), FORMAT, null, null, null, null, null, null, null,
                PortalValues.instant(first(metadata, "esDA_IngestDate")));
    }

    private static String first(JsonNode metadata, String field) {
        List<String> values = all(metadata, field);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> all(JsonNode metadata, String field) {
        List<String> values = new ArrayList<>();
        JsonNode node = metadata.get(field);
        if (node != null && node.isArray()) {
            node.forEach(v -> {
                String text = SediaJson.text(v);
                if (text != null) {
                    values.add(text);
                }
            });
        } else if (node != null && node.isValueNode()) {
            String text = SediaJson.text(node); // tolerated: a plain value where an array is usual
            if (text != null) {
                values.add(text);
            }
        }
        return values;
    }
}
