package eu.callmatch.imports.scheduling;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.common.config.CallmatchConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The Funding &amp; Tenders Portal's public search API: POSTs a search for the open and forthcoming topics of the
 * configured programmes, page by page, and writes every result into one {@code sedia-search} document.
 */
final class PortalSearchClient {

    /** The portal's codes for topic statuses: forthcoming, open. */
    static final List<String> STATUSES = List.of("31094501", "31094502");
    /** The portal's content types for calls for proposals (topics). */
    static final List<String> TOPIC_TYPES = List.of("1", "2", "8");
    /** A bound on pages, so that a source answering without end cannot run a job for ever. */
    static final int MAX_PAGES = 200;

    private final ObjectMapper json;

    PortalSearchClient(ObjectMapper json) {
        this.json = json;
    }

    void fetch(CallmatchConfig.Source source, Path target) throws SourceUnavailable {
        String url = source.url().orElseThrow(() -> new IllegalStateException("a portal-search source needs a url"));
        Http http = new Http(source.timeout(), source.retries(), source.retryPause());
        String boundary = "callmatch-" + UUID.randomUUID();
        byte[] form = form(boundary, source.programmes().orElse(List.of()));
        try (JsonGenerator out = json.getFactory().createGenerator(target.toFile(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeArrayFieldStart("results");
            long total = Long.MAX_VALUE;
            long seen = 0;
            for (int page = 1; page <= MAX_PAGES && seen < total; page++) {
                URI uri = URI.create(url + (url.contains("?") ? "&" : "?") + "apiKey=" + enc(source.apiKey())
                        + "&text=" + enc("***") + "&pageSize=" + source.pageSize() + "&pageNumber=" + page);
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(source.timeout())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                JsonNode body;
                try (InputStream in = response.body()) {
                    body = json.readTree(in);
                } catch (IOException e) {
                    throw new SourceUnavailable("the portal's answer for page " + page + " is not JSON: " + e.getMessage(), e);
                }
                JsonNode results = body.path("results");
                if (!results.isArray()) {
                    throw new SourceUnavailable("the portal's answer for page " + page + " has no results", null);
                }
                total = body.path("totalResults").asLong(0);
                for (JsonNode result : results) {
                    json.writeTree(out, result);
                }
                seen += results.size();
                if (results.isEmpty()) {
                    break;
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new SourceUnavailable("the portal's results could not be written to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The search form the portal's own site sends: a JSON query, languages and sort, as multipart parts. */
    private byte[] form(String boundary, List<String> programmes) {
        var must = json.createArrayNode();
        must.addObject().putObject("terms").set("type", json.valueToTree(TOPIC_TYPES));
        must.addObject().putObject("terms").set("status", json.valueToTree(STATUSES));
        if (!programmes.isEmpty()) {
            must.addObject().putObject("terms").set("frameworkProgramme", json.valueToTree(programmes));
        }
        var query = json.createObjectNode();
        query.putObject("bool").set("must", must);
        var sort = json.createObjectNode().put("field", "sortStatus").put("order", "ASC");
        StringBuilder body = new StringBuilder();
        part(body, boundary, "query", query.toString());
        part(body, boundary, "languages", "[\"en\"]");
        part(body, boundary, "sort", sort.toString());
        body.append("--").append(boundary).append("--\r\n");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void part(StringBuilder body, String boundary, String name, String value) {
        body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"; filename=\"blob\"\r\n")
                .append("Content-Type: application/json\r\n\r\n")
                .append(value).append("\r\n");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
