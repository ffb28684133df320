package eu.callmatch.matching.rest;

import eu.callmatch.common.security.Roles;
import eu.callmatch.matching.service.CallMatchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RolesAllowed({Roles.READER, Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/call-matches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matching", description = "Calls for a profile, partners and consortia for a call")
public class CallMatchResource {

    private final CallMatchService matches;

    CallMatchResource(CallMatchService matches) {
        this.matches = matches;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "matchCalls", summary = "Find calls for a profile",
            description = "The calls that best fit an ad-hoc profile (a description of any length and keywords, "
                    + "in any language; English matches best), by meaning and by shared words, best first. Each "
                    + "comes with the reasons: which profile terms matched which fields of the call, eligibility "
                    + "notes, deadlines. Only calls the profile can apply to, unless status or includeIneligible "
                    + "say otherwise. A profile with neither description nor keywords answers 400.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MatchProfileDto.class),
            examples = @ExampleObject(name = "sme", value = "{\"description\": \"We build underwater inspection "
                    + "drones for ports and offshore wind farms.\", \"keywords\": [\"underwater robotics\", "
                    + "\"offshore wind\"], \"country\": \"FR\", \"organisationType\": \"SME\", \"sme\": true, "
                    + "\"programmes\": []}")))
    @APIResponse(responseCode = "200", description = "The calls, best first",
            content = @Content(schema = @Schema(implementation = CallMatchDto.Page.class)))
    @APIResponse(responseCode = "400", description = "No description and no keywords, or an invalid parameter")
    public CallMatchDto.Page match(@Valid MatchProfileDto profile, @Valid @BeanParam CallMatchParams params) {
        return matches.match(profile, params.filters());
    }
}
