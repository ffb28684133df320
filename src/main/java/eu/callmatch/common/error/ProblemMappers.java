package eu.callmatch.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import eu.callmatch.common.text.PlainMessages;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The one place where exceptions become RFC 9457 problem+json responses. No stack trace, SQL or index internals
 * ever reach a client: unexpected errors are logged with an id that the response repeats.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.getMessage(), uri, e.violations());
    }

    /**
     * A 404 of its own mapper: Quarkus's for this type would otherwise answer, and it also stands for a query
     * parameter that did not convert (the converter's problem is its cause).
     */
    @ServerExceptionMapper
    public Response notFound(jakarta.ws.rs.NotFoundException e, UriInfo uri) {
        return webApplication(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof ProblemException problem) {
            // a parameter that did not convert (StrictParameters): JAX-RS wraps the converter's exception
            return problem(problem, uri);
        }
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        } else if (e.getCause() instanceof JsonMappingException mapping) {
            return jsonMapping(mapping, uri);
        } else if (e.getCause() instanceof JsonProcessingException other) {
            return otherJson(other, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This resource does not support this HTTP method";
            case 406 -> "This resource cannot produce any of the media types the Accept header asks for";
            case 413 -> "The request body is too large";
            case 415 -> "This resource does not accept the request's Content-Type";
            default -> e.getMessage();
        };
        Response response = respond(status, detail, uri, List.of());
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return respond(400, "The request body is not valid JSON" + where + ": " + PlainMessages.plain(e.getOriginalMessage()), uri,
                List.of());
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return jsonMapping(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        String field = PlainMessages.path(e);
        String message = PlainMessages.expected(e);
        if (field.isEmpty()) {
            return respond(400, "The request body does not have the expected shape: " + message, uri, List.of());
        }
        return respond(400, "Invalid value for field " + field, uri,
                List.of(new Problem.Violation("body", field, message)));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        return respond(400, "The request body is not valid JSON: " + PlainMessages.plain(e.getOriginalMessage()), uri, List.of());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(toViolation(v));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        String detail = violations.size() == 1
                ? "Invalid " + violations.get(0).in() + " " + violations.get(0).field() + ": " + violations.get(0).message()
                : "The request has " + violations.size() + " invalid fields or parameters";
        return respond(400, detail, uri, violations);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return respond(409, "The resource was changed by another request at the same time; read it again and retry",
                uri, List.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        // the database refused a value (SQL state class 22: out of range, not storable) or a duplicate (23505)
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                if (sql.getSQLState().startsWith("22")) {
                    return respond(400, "A value cannot be stored: " + PlainMessages.databaseRefusal(sql), uri,
                            List.of());
                } else if ("23505".equals(sql.getSQLState())) {
                    return respond(409, "The request conflicts with a record that exists already", uri, List.of());
                }
            }
        }
        if (e instanceof java.io.IOException && e.getStackTrace().length > 0
                && e.getStackTrace()[0].getClassName().contains(".multipart.")) {
            // the form parser met the end of the body before the closing boundary, or a part it cannot read
            return respond(400, "The multipart body cannot be read: it is cut short or malformed (each part starts "
                    + "with its boundary line and the body ends with the closing boundary, --BOUNDARY--)", uri, List.of());
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", id, uri.getPath());
        return respond(500, "An unexpected error occurred (error id " + id + "); it has been logged", uri, List.of());
    }

    public static Response respond(int status, String detail, UriInfo uri, List<Problem.Violation> violations) {
        Problem body = problem(status, detail, uri == null ? null : uri.getPath(), violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** The problem for a status, with its usual title; {@code instance} may be null. */
    public static Problem problem(int status, String detail, String instance, List<Problem.Violation> violations) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : titleOf(status);
        return new Problem("about:blank", title, status, detail, instance, violations);
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> "Error";
        };
    }

    /** Says where a violated constraint sits: a body field, or a query, path or header parameter by its name. */
    private static Problem.Violation toViolation(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        Method method = null;
        int parameterIndex = -1;
        int firstField = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getKind() == ElementKind.METHOD) {
                method = findMethod(v.getRootBeanClass(), node.as(Path.MethodNode.class));
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameterIndex = node.as(Path.ParameterNode.class).getParameterIndex();
                firstField = i + 1;
            }
        }
        if (parameterIndex >= 0 && firstField >= nodes.size() && method != null) {
            for (Annotation a : method.getParameterAnnotations()[parameterIndex]) {
                if (a instanceof QueryParam q) {
                    return new Problem.Violation("query", q.value(), v.getMessage());
                } else if (a instanceof PathParam p) {
                    return new Problem.Violation("path", p.value(), v.getMessage());
                } else if (a instanceof HeaderParam h) {
                    return new Problem.Violation("header", h.value(), v.getMessage());
                }
            }
        }
        if (parameterIndex >= 0 && firstField == nodes.size() - 1 && method != null) {
            // a field of a @BeanParam, such as the page and size of a list
            QueryParam query = queryParamOf(method.getParameterTypes()[parameterIndex], nodes.get(firstField).getName());
            if (query != null) {
                return new Problem.Violation("query", query.value(), v.getMessage());
            }
        }
        StringBuilder field = new StringBuilder();
        for (int i = firstField; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                field.append(field.length() == 0 ? "" : ".").append(node.getName());
            }
        }
        return new Problem.Violation(parameterIndex >= 0 ? "body" : "parameter",
                field.length() == 0 ? String.valueOf(v.getPropertyPath()) : field.toString(), v.getMessage());
    }

    private static QueryParam queryParamOf(Class<?> type, String fieldName) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(fieldName).getAnnotation(QueryParam.class);
            } catch (NoSuchFieldException ignored) {
                // look in the superclass
            }
        }
        return null;
    }

    /** The resource method as written: CDI may subclass the resource, and an override carries no annotations. */
    private static Method findMethod(Class<?> type, Path.MethodNode node) {
        Method found = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                found = c.getDeclaredMethod(node.getName(), node.getParameterTypes().toArray(Class<?>[]::new));
            } catch (NoSuchMethodException ignored) {
                // declared higher up
            }
        }
        return found;
    }
}
