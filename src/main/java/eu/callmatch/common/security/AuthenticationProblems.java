package eu.callmatch.common.security;

import eu.callmatch.common.error.ProblemMappers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * 401, 403 and 429 as problem+json like every other error. Authentication is not proactive: it happens when a
 * resource method's role rule asks for it, so its failures reach these mappers rather than the HTTP layer's bare
 * challenge. A client locked out by the {@link LoginThrottle} is refused before its credentials are checked.
 */
public class AuthenticationProblems {

    static final String REALM = "callmatch";

    private final LoginThrottle throttle;
    private final Counter lockedOut;

    AuthenticationProblems(LoginThrottle throttle, MeterRegistry meters) {
        this.throttle = throttle;
        this.lockedOut = Counter.builder("callmatch.login.locked.out")
                .description("Requests refused (429) because their client failed to log in too often").register(meters);
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseLockedOutClients(ContainerRequestContext request, HttpServerRequest http, UriInfo uri) {
        String username = basicUsername(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (username == null) {
            return null;
        }
        return throttle.lockedFor(ClientAddress.of(http), username)
                .map(wait -> {
                    lockedOut.increment();
                    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                    return Response.fromResponse(ProblemMappers.respond(429, "Too many failed logins for this username from "
                                    + "your address; try again in " + seconds + " s", uri, List.of()))
                            .header("Retry-After", seconds).build();
                })
                .orElse(null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return challenge("This operation needs authentication: HTTP Basic or a Bearer token", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return challenge("The credentials were not accepted", uri);
    }

    @ServerExceptionMapper
    public Response authenticationCompletion(AuthenticationCompletionException e, UriInfo uri) {
        return challenge("The credentials were not accepted", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemMappers.respond(403, "Your roles do not allow this operation", uri, List.of());
    }

    private static Response challenge(String detail, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.respond(401, detail, uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"")
                .build();
    }

    /** The username of HTTP Basic credentials, or null. */
    static String basicUsername(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
