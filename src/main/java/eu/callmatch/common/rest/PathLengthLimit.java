package eu.callmatch.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.Problem;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Refuses a request path longer than the API takes (414 problem+json) before it is routed: matching a path of some
 * thousand characters against the templates whose identifier may hold a slash ({@code {identifier: .+}}) took
 * seconds on an event-loop thread (HostileApiTest), which a few such requests would turn into a stalled service.
 */
@ApplicationScoped
public class PathLengthLimit {

    private final int limit;
    private final ObjectMapper json;

    PathLengthLimit(CallmatchConfig config, ObjectMapper json) {
        this.limit = config.maxPathLength();
        this.json = json;
    }

    void install(@Observes Router router) {
        // after SecurityHeaders (Integer.MIN_VALUE), before authentication and the router's template matching
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String path = context.request().path();
            if (path == null || path.length() <= limit) {
                context.next();
                return;
            }
            Problem problem = new Problem("about:blank", "Request-URI Too Long", 414, "The path has " + path.length()
                    + " characters; the API takes at most " + limit + " (callmatch.http.max-path-length)", null, List.of());
            try {
                context.response().setStatusCode(414).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(json.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        });
    }
}
