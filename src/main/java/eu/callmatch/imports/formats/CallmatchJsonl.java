package eu.callmatch.imports.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import eu.callmatch.calls.CallDto;
import eu.callmatch.common.text.PlainMessages;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * {@code callmatch-jsonl}: the service's own format, one {@link CallDto} JSON object a line (unknown fields are
 * ignored, blank lines skipped). A line that is not a call is rejected; a file whose first line is not JSON at
 * all is not this format.
 */
public final class CallmatchJsonl {

    public static final String FORMAT = "callmatch-jsonl";

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private CallmatchJsonl() {
    }

    /** {@link #read(Reader, InputLimits, RecordSink)} with the default limits. */
    public static void read(Reader jsonl, RecordSink<CallDto> sink) {
        read(jsonl, InputLimits.DEFAULTS, sink);
    }

    /**
     * A line longer than {@code limits.maxLine()} is rejected without being held (a JSON array on one line is not
     * this format).
     *
     * @throws FormatException when the first non-blank line is not a JSON object
     */
    public static void read(Reader jsonl, InputLimits limits, RecordSink<CallDto> sink) {
        LineReader lines = new LineReader(jsonl, limits.maxLine());
        boolean first = true;
        try {
            for (String line; (line = lines.next()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                boolean wasFirst = first;
                first = false;
                if (lines.truncated()) {
                    if (wasFirst) {
                        throw new FormatException(lines.number(), 1, "not " + FORMAT + ": "
                                + InputLimits.lineTooLong(lines.number(), limits.maxLine()));
                    }
                    sink.reject(lines.number(), excerpt(line), InputLimits.lineTooLong(lines.number(), limits.maxLine()));
                    continue;
                }
                parse(lines.number(), line, wasFirst, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void parse(long number, String line, boolean first, RecordSink<CallDto> sink) {
        CallDto call;
        try {
            if (first && !line.stripLeading().startsWith("{")) {
                throw new FormatException(number, 1 + line.indexOf(line.strip()), "not " + FORMAT
                        + ": the first line is not a JSON object");
            }
            // The first line is checked for syntax on its own: a syntax error there means another format.
            call = first ? MAPPER.treeToValue(MAPPER.readTree(line), CallDto.class) : MAPPER.readValue(line, CallDto.class);
        } catch (StreamReadException e) {
            if (first) {
                // A syntax error on the first line: the file is not JSON lines at all.
                throw new FormatException(number, e.getLocation() == null ? 1 : e.getLocation().getColumnNr(),
                        "not " + FORMAT + ": " + PlainMessages.plain(e.getOriginalMessage()), e);
            }
            sink.reject(number, excerpt(line), "not JSON: " + PlainMessages.plain(e.getOriginalMessage()));
            return;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            sink.reject(number, excerpt(line), "not a call: " + PlainMessages.field(e));
            return;
        } catch (JsonProcessingException e) {
            sink.reject(number, excerpt(line), "not a call: " + PlainMessages.plain(e.getOriginalMessage()));
            return;
        }
        if (call == null || call.identifier() == null || call.identifier().isBlank()) {
            sink.reject(number, excerpt(line), "no identifier");
        } else if (call.title() == null || call.title().isBlank()) {
            sink.reject(number, call.identifier(), "no title");
        } else {
            sink.accept(number, call);
        }
    }

    private static String excerpt(String line) {
        return line.length() > 80 ? line.substring(0, 80) : line;
    }
}
