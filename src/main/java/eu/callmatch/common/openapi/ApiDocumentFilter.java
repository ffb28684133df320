package eu.callmatch.common.openapi;

import eu.callmatch.common.error.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finishes the API document: documents the problem+json error responses once, as shared components, and attaches
 * to every operation the ones it can answer, so that each operation's description of its errors is complete and
 * the same everywhere; declares HTTP Basic and Bearer as the ways to authenticate (Swagger UI's Authorize offers
 * both); and keeps JSON-lines examples as the text they are.
 */
public class ApiDocumentFilter implements OASFilter {

    private record Kind(String code, String name, String description, String detail) {
    }

    private static final Kind BAD_REQUEST = new Kind("400", "BadRequest",
            "The request is invalid: a parameter or the body (see violations)", "Invalid query size: must be at most 200");
    private static final Kind NOT_FOUND = new Kind("404", "NotFound",
            "What the path names does not exist", "Call 'HORIZON-CL5-2099-D3-01-01' does not exist");
    private static final Kind CONFLICT = new Kind("409", "Conflict",
            "The request conflicts with what is stored", "Member 7 already has the name 'Blue Hull Robotics SAS' in FR");
    private static final Kind TOO_LARGE = new Kind("413", "ContentTooLarge",
            "The request body is larger than the service accepts", "The request body is too large");
    private static final Kind UNSUPPORTED = new Kind("415", "UnsupportedMediaType",
            "The request body's Content-Type is not one this operation reads",
            "This resource does not accept the request's Content-Type");
    private static final Kind NOT_ACCEPTABLE = new Kind("406", "NotAcceptable",
            "The Accept header asks for no media type this operation produces",
            "This resource cannot produce any of the media types the Accept header asks for");
    private static final Kind URI_TOO_LONG = new Kind("414", "UriTooLong",
            "The query string is longer than callmatch.http.max-query-length, or the path longer than "
                    + "callmatch.http.max-path-length", "The query string has 9000 characters; the API takes at most 8192 "
                    + "(callmatch.http.max-query-length)");
    private static final Kind UNAUTHORIZED = new Kind("401", "Unauthorized",
            "No credentials, or credentials not accepted (WWW-Authenticate: Basic and Bearer)",
            "This operation needs authentication: HTTP Basic or a Bearer token");
    private static final Kind FORBIDDEN = new Kind("403", "Forbidden", "The caller's roles do not allow this operation",
            "Your roles do not allow this operation");
    private static final Kind TOO_MANY = new Kind("429", "TooManyRequests",
            "Too many failed logins for this username from the caller's address; Retry-After says when to try again",
            "Too many failed logins for this username from your address; try again in 300 s");
    private static final Kind ERROR = new Kind("500", "InternalError", "An unexpected error; the log has its id",
            "An unexpected error occurred (error id 1b4e28ba-2fa1-11d2-883f-0016d3cca427); it has been logged");

    /**
     * An operation's extension that marks it as needing no login (a calendar client's feed, an unsubscribe link):
     * it gets an empty security requirement and no 401, 403 or 429.
     */
    public static final String PUBLIC = "x-callmatch-public";

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";

    /** One Call a line: annotation examples are parsed as JSON, which would keep only the first line. */
    public static final String NDJSON_EXAMPLE =
            "{\"identifier\": \"HORIZON-CL5-2026-D3-01-01\", \"title\": \"Floating offshore wind\", \"deadlines\": [\"2026-09-02\"]}\n"
            + "{\"identifier\": \"LIFE-2026-SAP-NAT\", \"title\": \"Nature and biodiversity\"}";

    @Override
    public org.eclipse.microprofile.openapi.models.parameters.RequestBody filterRequestBody(
            org.eclipse.microprofile.openapi.models.parameters.RequestBody body) {
        if (body.getContent() != null && body.getContent().hasMediaType("application/x-ndjson")) {
            body.getContent().getMediaType("application/x-ndjson").setExample(NDJSON_EXAMPLE);
        }
        return body;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Kind> used = new LinkedHashMap<>();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                Operation operation = entry.getValue();
                // the document-wide requirement (Basic or Bearer) holds for every operation; the security
                // extension's per-operation ones would name a single scheme
                operation.setSecurity(null);
                APIResponses responses = operation.getResponses();
                boolean hasBody = operation.getRequestBody() != null;
                boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
                boolean hasPathParameter = hasParameters && operation.getParameters().stream()
                        .anyMatch(p -> p.getIn() == Parameter.In.PATH);
                if (hasBody || hasParameters) {
                    attach(responses, BAD_REQUEST, used);
                }
                if (hasPathParameter) {
                    attach(responses, NOT_FOUND, used);
                }
                if (hasBody) {
                    attach(responses, TOO_LARGE, used);
                    attach(responses, UNSUPPORTED, used);
                }
                attach(responses, NOT_ACCEPTABLE, used);
                // AddressLengthLimit answers before any resource is matched, whatever its parameters
                attach(responses, URI_TOO_LONG, used);
                if (operation.getExtensions() != null && operation.getExtensions().containsKey(PUBLIC)) {
                    operation.removeExtension(PUBLIC);
                    // the annotation scanner copies a method's extensions onto its responses as well
                    responses.getAPIResponses().values().forEach(r -> r.removeExtension(PUBLIC));
                    operation.setSecurity(List.of(OASFactory.createSecurityRequirement()));
                    attach(responses, ERROR, used);
                    continue;
                }
                // in place of the security extension's bare "Not Authorized" and "Not Allowed"
                responses.addAPIResponse(UNAUTHORIZED.code(), ref(UNAUTHORIZED));
                responses.addAPIResponse(FORBIDDEN.code(), ref(FORBIDDEN));
                used.put(UNAUTHORIZED.code(), UNAUTHORIZED);
                used.put(FORBIDDEN.code(), FORBIDDEN);
                attach(responses, TOO_MANY, used);
                if (responses.hasAPIResponse("409")) {
                    used.put(CONFLICT.code(), CONFLICT);
                    responses.addAPIResponse("409", ref(CONFLICT));
                }
                attach(responses, ERROR, used);
            }
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        // every operation: HTTP Basic (a user of the service) or a Bearer JWT (from the identity provider)
        openAPI.getComponents().addSecurityScheme(BASIC, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A user of the service (see /api/v1/users), with its password"));
        openAPI.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT from the organisation's identity provider; its roles claim names the roles"));
        openAPI.setSecurity(List.of(
                OASFactory.createSecurityRequirement().addScheme(BASIC),
                OASFactory.createSecurityRequirement().addScheme(BEARER)));
        for (Kind kind : used.values()) {
            openAPI.getComponents().addResponse(kind.name(), OASFactory.createAPIResponse()
                    .description(kind.description())
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                            .addExample(kind.name(), OASFactory.createExample().value(example(kind))))));
        }
    }

    /** In a fixed order: the document is committed, and Map.of would order it anew at every build. */
    private static Map<String, Object> example(Kind kind) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", titleOf(kind));
        example.put("status", Integer.parseInt(kind.code()));
        example.put("detail", kind.detail());
        example.put("instance", "/api/v1/calls");
        return example;
    }

    private static void attach(APIResponses responses, Kind kind, Map<String, Kind> used) {
        if (!responses.hasAPIResponse(kind.code())) {
            responses.addAPIResponse(kind.code(), ref(kind));
        }
        used.put(kind.code(), kind);
    }

    private static APIResponse ref(Kind kind) {
        return OASFactory.createAPIResponse().ref("#/components/responses/" + kind.name());
    }

    private static String titleOf(Kind kind) {
        return switch (kind.code()) {
            case "400" -> "Bad Request";
            case "401" -> "Unauthorized";
            case "403" -> "Forbidden";
            case "429" -> "Too Many Requests";
            case "404" -> "Not Found";
            case "406" -> "Not Acceptable";
            case "409" -> "Conflict";
            case "413" -> "Content Too Large";
            case "414" -> "Request-URI Too Long";
            case "415" -> "Unsupported Media Type";
            default -> "Internal Server Error";
        };
    }
}
