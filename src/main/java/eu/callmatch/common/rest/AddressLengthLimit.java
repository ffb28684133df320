package eu.callmatch.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.Problem;
import eu.callmatch.common.error.ProblemMappers;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Refuses an address longer than the API takes (414 problem+json) before anything else looks at it: a path beyond
 * {@code callmatch.http.max-path-length}, a query string beyond {@code callmatch.http.max-query-length}. It is a
 * route of the HTTP layer, first after the security headers, and not a pre-matching REST filter: before those run,
 * the authentication layer has the REST router match the path to a template (for its metrics), and matching a path
 * of 20,000 characters against the templates whose identifier may hold a slash ({@code {identifier: .+}}) held an
 * event-loop thread for 7 s (seen in InjectionTest's log).
 */
@ApplicationScoped
public class AddressLengthLimit {

    private final CallmatchConfig config;
    private final ObjectMapper json;

    AddressLengthLimit(CallmatchConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        int mark = uri.indexOf('?');
        int path = mark < 0 ? uri.length() : mark;
        int query = mark < 0 ? 0 : uri.length() - mark - 1;
        if (path > config.maxPathLength()) {
            refuse(context, "path", path, config.maxPathLength(), "callmatch.http.max-path-length");
        } else if (query > config.maxQueryLength()) {
            refuse(context, "query string", query, config.maxQueryLength(), "callmatch.http.max-query-length");
        } else {
            context.next();
        }
    }

    private void refuse(RoutingContext context, String what, int length, int limit, String key) {
        // no instance: the address is what is too long to repeat
        Problem problem = ProblemMappers.problem(414, "The " + what + " has " + length
                + " characters; the API takes at most " + limit + " (" + key + ")", null, List.of());
        try {
            context.response().setStatusCode(414).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
