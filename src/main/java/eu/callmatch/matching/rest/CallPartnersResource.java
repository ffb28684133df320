package eu.callmatch.matching.rest;

import eu.callmatch.matching.ConsortiumDto;
import eu.callmatch.matching.PartnerMatchDto;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.spreadsheet.Representation;
import eu.callmatch.matching.service.ConsortiumService;
import eu.callmatch.matching.service.PartnerMatchService;
import eu.callmatch.members.OrganisationType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matching")
public class CallPartnersResource {

    private final PartnerMatchService partners;
    private final ConsortiumService consortia;

    CallPartnersResource(PartnerMatchService partners, ConsortiumService consortia) {
        this.partners = partners;
        this.consortia = consortia;
    }

    @GET
    @Path("/{identifier: .+}/partner-matches")
    @RolesAllowed({Roles.READER, Roles.STAFF, Roles.ADMIN})
    @Operation(operationId = "matchPartners", summary = "Find partners for a call",
            description = "Members of the cluster and organisations of the partner pool that fit the call, best "
                    + "first: each past project of an organisation is scored against the call (closeness of its "
                    + "text, same work-programme area) and the scores are summed, with a small prior for experience. "
                    + "Each comes with the reasons and the past projects that show it. The requesting member is "
                    + "left out." + MatchingSheets.FORMATS)
    @Produces({MediaType.APPLICATION_JSON, Representation.TEXT_CSV, Representation.XLSX})
    @APIResponse(responseCode = "200", description = "The partners, best first",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerMatchDto.Page.class)),
                    @Content(mediaType = Representation.TEXT_CSV,
                            schema = @Schema(type = SchemaType.STRING, description = Representation.CSV_DESCRIPTION),
                            examples = @ExampleObject(name = "csv", value = MatchingSheets.PARTNER_MATCHES_CSV)),
                    @Content(mediaType = Representation.XLSX, schema = @Schema(type = SchemaType.STRING,
                            format = "binary", description = Representation.XLSX_DESCRIPTION))})
    @APIResponse(responseCode = "404", description = "No such call or member")
    public Response match(
            @Parameter(description = "The call's topic identifier", example = "HORIZON-CL5-2024-D3-01-01")
            @PathParam("identifier") String identifier,
            @Parameter(description = "The requesting member (left out of the answer)", example = "42")
            @QueryParam("member") Long member,
            @Parameter(description = "MEMBERS, ORGANISATIONS or ALL (default)", example = "ALL",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"MEMBERS", "ORGANISATIONS", "ALL"}))
            @QueryParam("source") String source,
            @Parameter(description = "Only partners from this country", example = "PT")
            @QueryParam("country") @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code")
            String country,
            @Parameter(description = "Only this kind of organisation",
                    schema = @Schema(type = SchemaType.STRING, implementation = OrganisationType.class))
            @QueryParam("organisationType") String organisationType,
            @Parameter(description = "How many partners, at most 200", example = "20")
            @QueryParam("limit") @DefaultValue("20")
            @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int limit,
            @BeanParam Representation representation) {
        PartnerMatchService.Source from = source == null || source.isBlank() ? PartnerMatchService.Source.ALL
                : QueryLists.parse("source", source, PartnerMatchService.Source.class);
        OrganisationType type = organisationType == null || organisationType.isBlank() ? null
                : QueryLists.parse("organisationType", organisationType, OrganisationType.class);
        PartnerMatchDto.Page page = partners.match(
                new PartnerMatchService.Request(identifier, member, from, country, type, limit));
        return representation.respond(page, () -> MatchingSheets.partnerMatches(page.items()));
    }

    @GET
    @Path("/{identifier: .+}/consortium")
    @Operation(operationId = "proposeConsortium", summary = "Propose a consortium for a call",
            description = "Partners around a lead member: at least the call's minimum (RIA and IA: three "
                    + "independent legal entities from three eligible countries, one at least an EU member state; "
                    + "CSAs and others: one), with complementary roles (research, industry, an end user or public "
                    + "body), each pick with its reason, and what is still missing when the pool falls short.")
    @APIResponse(responseCode = "200", description = "The proposal",
            content = @Content(schema = @Schema(implementation = ConsortiumDto.class)))
    @APIResponse(responseCode = "404", description = "No such call or member")
    public ConsortiumDto consortium(
            @Parameter(description = "The call's topic identifier", example = "HORIZON-CL5-2024-D3-01-01")
            @PathParam("identifier") String identifier,
            @Parameter(description = "The lead member", example = "42", required = true)
            @QueryParam("lead") @jakarta.validation.constraints.NotNull(message = "a lead member is required") Long lead,
            @Parameter(description = "How many organisations in all, the lead included (at least the call's minimum)",
                    example = "5")
            @QueryParam("size") @Min(value = 1, message = "must be at least 1") @Max(value = 20, message = "must be at most 20")
            Integer size) {
        return consortia.propose(identifier, lead, size);
    }
}
