package eu.callmatch.matching.rest;

import eu.callmatch.matching.MatchProfileDto;
import eu.callmatch.matching.CallMatchDto;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.spreadsheet.Representation;
import eu.callmatch.matching.service.CallMatchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RolesAllowed({Roles.READER, Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/call-matches")
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
                    + "say otherwise. A profile with neither description nor keywords answers 400. The answer says "
                    + "the profile's language: the one given in language (en, fr, es, ca, de, it), else the one "
                    + "detected in the text (null: none of these, or too little text to tell)."
                    + MatchingSheets.FORMATS)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MatchProfileDto.class),
            examples = @ExampleObject(name = "sme", value = "{\"description\": \"We build underwater inspection "
                    + "drones for ports and offshore wind farms.\", \"keywords\": [\"underwater robotics\", "
                    + "\"offshore wind\"], \"country\": \"FR\", \"organisationType\": \"SME\", \"sme\": true, "
                    + "\"programmes\": []}")))
    @Produces({MediaType.APPLICATION_JSON, Representation.TEXT_CSV, Representation.XLSX})
    @APIResponse(responseCode = "200", description = "The calls, best first",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallMatchDto.Page.class)),
                    @Content(mediaType = Representation.TEXT_CSV,
                            schema = @Schema(type = SchemaType.STRING, description = Representation.CSV_DESCRIPTION),
                            examples = @ExampleObject(name = "csv", value = MatchingSheets.CALL_MATCHES_CSV)),
                    @Content(mediaType = Representation.XLSX, schema = @Schema(type = SchemaType.STRING,
                            format = "binary", description = Representation.XLSX_DESCRIPTION))})
    @APIResponse(responseCode = "400", description = "No description and no keywords, or an invalid parameter")
    public Response match(@Valid MatchProfileDto profile, @Valid @BeanParam CallMatchParams params,
                          @BeanParam Representation representation) {
        CallMatchDto.Page page = matches.match(profile, params.filters());
        return representation.respond(page, () -> MatchingSheets.callMatches(page.items()));
    }
}
