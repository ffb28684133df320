package eu.callmatch.common.rest;

import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/** Refuses a query string longer than the API takes (414 problem+json) before any parameter is parsed. */
public class QueryLengthLimit {

    private final CallmatchConfig config;

    QueryLengthLimit(CallmatchConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        int limit = config.maxQueryLength();
        if (query != null && query.length() > limit) {
            return ProblemMappers.respond(414, "The query string has " + query.length()
                    + " characters; the API takes at most " + limit + " (callmatch.http.max-query-length)", uri, List.of());
        }
        return null;
    }
}
