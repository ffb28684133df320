package eu.callmatch.common.rest;

import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Refuses, before reading it, a request body larger than the API takes (413 problem+json): imports have their
 * own, larger limit, and stream their bodies to disk while counting, for bodies sent without a length.
 */
public class BodySizeLimit {

    private final CallmatchConfig config;

    BodySizeLimit(CallmatchConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request, UriInfo uri) {
        List<String> lengths = request.getHeaders().get(HttpHeaders.CONTENT_LENGTH);
        if (lengths == null || lengths.isEmpty()) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(lengths.get(0).strip());
        } catch (NumberFormatException e) {
            return ProblemMappers.respond(400, "The Content-Length header is not a number", uri, List.of());
        }
        boolean isImport = uri.getPath().startsWith("/api/v1/imports");
        long limit = (isImport ? config.imports().maxBodySize() : config.maxBodySize()).asLongValue();
        if (length > limit) {
            return ProblemMappers.respond(413, "The request body has " + length + " bytes; this endpoint takes at most "
                    + limit + (isImport ? " (callmatch.import.max-body-size)" : " (callmatch.http.max-body-size)"),
                    uri, List.of());
        }
        return null;
    }
}
