package eu.callmatch.matching.rest;

import eu.callmatch.matching.CallMatchDto;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.spreadsheet.Representation;
import eu.callmatch.matching.service.CallMatchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matching")
public class MemberCallMatchResource {

    private final CallMatchService matches;

    MemberCallMatchResource(CallMatchService matches) {
        this.matches = matches;
    }

    @GET
    @Path("/{id}/call-matches")
    @Operation(operationId = "matchCallsForMember", summary = "Find calls for a member",
            description = "The calls that best fit a stored member's profile (description, keywords, country, type "
                    + "and programmes of interest), best first, with the reasons; as POST /api/v1/call-matches. The "
                    + "helpdesk's decisions on the member's calls move the ranking: calls close in meaning to ones it "
                    + "shortlisted (or contacted, applies to, submitted) rank higher, calls close to ones it dismissed "
                    + "as not relevant, not eligible or other rank lower, and the reasons say which decided call moved "
                    + "them (\"ranked up: similar to ... you shortlisted\"); feedback=false leaves them out."
                    + MatchingSheets.FORMATS)
    @Produces({MediaType.APPLICATION_JSON, Representation.TEXT_CSV, Representation.XLSX})
    @APIResponse(responseCode = "200", description = "The calls, best first",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallMatchDto.Page.class)),
                    @Content(mediaType = Representation.TEXT_CSV,
                            schema = @Schema(type = SchemaType.STRING, description = Representation.CSV_DESCRIPTION),
                            examples = @ExampleObject(name = "csv", value = MatchingSheets.CALL_MATCHES_CSV)),
                    @Content(mediaType = Representation.XLSX, schema = @Schema(type = SchemaType.STRING,
                            format = "binary", description = Representation.XLSX_DESCRIPTION))})
    @APIResponse(responseCode = "400", description = "The member has neither description nor keywords")
    @APIResponse(responseCode = "404", description = "No such member")
    public Response match(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
                                   @Valid @BeanParam CallMatchParams params,
                                   @Parameter(description = "Let the helpdesk's decisions on the member's calls move "
                                           + "the ranking (false: the profile alone, e.g. to evaluate against them)",
                                           example = "true")
                                   @QueryParam("feedback") @DefaultValue("true") boolean feedback,
                                   @BeanParam Representation representation) {
        CallMatchDto.Page page = matches.forMember(id, params.filters(), feedback);
        return representation.respond(page, () -> MatchingSheets.callMatches(page.items()));
    }
}
