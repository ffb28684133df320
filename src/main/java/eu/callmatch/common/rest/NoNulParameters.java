package eu.callmatch.common.rest;

import eu.callmatch.common.error.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * A path or query parameter holding a NUL character is a 400 naming it: PostgreSQL refuses U+0000 in any text, so a
 * lookup or a filter with one failed in the database's terms ("a value cannot be stored") instead of the caller's.
 */
public class NoNulParameters {

    @ServerRequestFilter
    public void check(UriInfo uri) {
        check("path", uri.getPathParameters());
        check("query", uri.getQueryParameters());
    }

    private static void check(String in, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\u0000') >= 0) {
                    throw ProblemException.invalid(in, parameter.getKey(), "holds a NUL character (\\u0000)");
                }
            }
        }
    }
}
