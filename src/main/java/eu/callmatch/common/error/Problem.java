package eu.callmatch.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem detail, the body of every error the API answers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem detail (media type application/problem+json).")
public record Problem(
        @Schema(description = "A URI reference that identifies the problem type", example = "about:blank") String type,
        @Schema(description = "A short summary of the problem type", example = "Bad Request") String title,
        @Schema(description = "The HTTP status code", example = "400") int status,
        @Schema(description = "What went wrong, for a person", example = "The request has 1 invalid field") String detail,
        @Schema(description = "The request path", example = "/api/v1/members") String instance,
        @Schema(description = "The invalid fields, for a 400 about the request's content") List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field or parameter: where it is, and why it is invalid. */
    @Schema(name = "Violation")
    public record Violation(
            @Schema(description = "Where: body, query, path or header", example = "body") String in,
            @Schema(description = "The field or parameter", example = "country") String field,
            @Schema(description = "Why it is invalid", example = "must be a two-letter country code") String message) {
    }
}
