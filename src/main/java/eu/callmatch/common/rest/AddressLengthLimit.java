package eu.callmatch.common.rest;

import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Refuses an address longer than the API takes (414 problem+json) before it is matched to a resource or any parameter
 * is parsed: a query string beyond {@code callmatch.http.max-query-length}, a path beyond
 * {@code callmatch.http.max-path-length}. Matching a path of some thousand characters against the templates whose
 * identifier may hold a slash ({@code {identifier: .+}}) took seconds of an event-loop thread (HostileApiTest).
 */
public class AddressLengthLimit {

    private final CallmatchConfig config;

    AddressLengthLimit(CallmatchConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        if (path != null && path.length() > config.maxPathLength()) {
            return tooLong("path", path.length(), config.maxPathLength(), "callmatch.http.max-path-length", uri);
        }
        String query = uri.getRequestUri().getRawQuery();
        if (query != null && query.length() > config.maxQueryLength()) {
            return tooLong("query string", query.length(), config.maxQueryLength(), "callmatch.http.max-query-length",
                    uri);
        }
        return null;
    }

    private static Response tooLong(String what, int length, int limit, String key, UriInfo uri) {
        return ProblemMappers.respond(414, "The " + what + " has " + length + " characters; the API takes at most "
                + limit + " (" + key + ")", uri, List.of());
    }
}
