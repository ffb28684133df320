package eu.callmatch.imports.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import eu.callmatch.calls.CallDto;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sedia-topic}: a topic-details document of the portal, {@code {"TopicDetails": {...}}} (a bare topic object
 * is accepted too). One document is one call.
 */
public final class SediaTopic {

    public static final String FORMAT = "sedia-topic";

    private SediaTopic() {
    }

    /** {@link #read(Reader, InputLimits, RecordSink)} with the default limits. */
    public static void read(Reader json, RecordSink<CallDto> sink) {
        read(json, InputLimits.DEFAULTS, sink);
    }

    /**
     * @throws FormatException when the body is not JSON, is truncated, holds no topic, or is longer than
     *                         {@code limits.maxRecord()} characters (the document is the record)
     */
    public static void read(Reader json, InputLimits limits, RecordSink<CallDto> sink) {
        try (JsonParser parser = SediaJson.open(json, FORMAT, SediaJson.documentMapper(limits))) {
            long line = SediaJson.line(parser);
            JsonNode document = parser.readValueAsTree();
            if (parser.nextToken() != null) {
                throw new FormatException(SediaJson.line(parser), SediaJson.column(parser), "not " + FORMAT + ": trailing content");
            }
            JsonNode topic = document.has("TopicDetails") ? document.get("TopicDetails") : document;
            if (!topic.isObject() || !topic.has("identifier")) {
                throw new FormatException(line, 1, "not " + FORMAT + ": no TopicDetails with an identifier");
            }
            topic(line, topic, sink);
        } catch (StreamReadException e) {
            throw SediaJson.notJson(e, FORMAT);
        } catch (StreamConstraintsException e) {
            throw SediaJson.tooBig(e, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void topic(long line, JsonNode topic, RecordSink<CallDto> sink) {
        String identifier = SediaJson.text(topic.get("identifier"));
        String problem = PortalValues.identifierProblem(identifier);
        if (problem == null && SediaJson.text(topic.get("title")) == null) {
            problem = "no title";
        }
        if (problem != null) {
            sink.reject(line, identifier, problem);
            return;
        }
        try {
            sink.accept(line, call(topic, identifier));
        } catch (DateTimeException | IllegalArgumentException e) {
            sink.reject(line, identifier, e.getMessage());
        }
    }

    private static CallDto call(JsonNode topic, String identifier) {
        SediaJson.Actions actions = SediaJson.actions(topic.get("actions"));
        SediaJson.Budget budget = SediaJson.budget(topic.get("budgetOverviewJSONItem"), identifier);
        String deadlineModel = actions.submissionProcedure();
        if (deadlineModel == null) {
            deadlineModel = firstDeadlineModel(topic.get("budgetOverviewJSONItem"));
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (String field : List.of("keywords", "tags")) {
            topic.path(field).forEach(k -> {
                String text = SediaJson.text(k);
                if (text != null && !text.equals(identifier)) {
                    keywords.add(text);
                }
            });
        }
        String callIdentifier = SediaJson.text(topic.get("callIdentifier"));
        return new CallDto(identifier, callIdentifier,
                SediaJson.text(topic.get("title")), SediaJson.text(topic.get("callTitle")), programme(topic, identifier),
                null, null, actions.actionType(), SediaJson.status(actions.statusCode()), actions.opening(),
                actions.deadlines(), PortalValues.deadlineModel(deadlineModel, actions.deadlines()), budget.min(),
                budget.max(), budget.total(), budget.expectedGrants(), PortalValues.text(SediaJson.text(topic.get("description"))),
                keywords.isEmpty() ? null : new ArrayList<>(keywords),
                PortalValues.text(SediaJson.text(topic.get("conditions"))), PortalValues.topicUrl(identifier), FORMAT,
                null, null, null, null);
    }

    /** The framework names the programme (H2020 topics have no programme prefix); the identifier is the fallback. */
    private static String programme(JsonNode topic, String identifier) {
        String abbreviation = SediaJson.text(topic.path("frameworkProgramme").get("abbreviation"));
        String programme = PortalValues.programme(abbreviation);
        if (programme == null) {
            programme = PortalValues.programme(identifier);
        }
        if (programme == null) {
            String description = SediaJson.text(topic.path("frameworkProgramme").get("description"));
            programme = description == null ? null : description.replaceFirst("\\s*\\(.*\\)$", "");
        }
        return programme;
    }

    private static String firstDeadlineModel(JsonNode overview) {
        if (overview == null) {
            return null;
        }
        for (JsonNode value : overview.path("budgetTopicActionMap")) {
            JsonNode entry = value.isArray() ? value.path(0) : value;
            String model = SediaJson.text(entry.get("deadlineModel"));
            if (model != null) {
                return model;
            }
        }
        return null;
    }
}
