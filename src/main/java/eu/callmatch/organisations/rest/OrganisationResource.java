package eu.callmatch.organisations.rest;

import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.organisations.service.OrganisationService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "The partner pool: organisations with their past EU projects (CORDIS)")
public class OrganisationResource {

    private final OrganisationService organisations;

    OrganisationResource(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GET
    @Operation(operationId = "listOrganisations", summary = "List organisations", description = "Organisations of the partner pool by name, narrowed "
            + "by country, kind and SME flag.")
    @APIResponse(responseCode = "200", description = "One page of organisations",
            content = @Content(schema = @Schema(implementation = OrganisationPage.class)))
    public Page<OrganisationDto> list(
            @Parameter(description = "Country code (ISO or EU convention)", example = "ES")
            @QueryParam("country") @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code")
            String country,
            @Parameter(description = "The kind of organisation",
                    schema = @Schema(type = SchemaType.STRING, implementation = OrganisationType.class))
            @QueryParam("organisationType") String organisationType,
            @Parameter(description = "Only SMEs (true) or only non-SMEs (false)", example = "true")
            @QueryParam("sme") Boolean sme,
            @Valid @BeanParam PageRequest page) {
        OrganisationType type = organisationType == null || organisationType.isBlank() ? null
                : QueryLists.parse("organisationType", organisationType, OrganisationType.class);
        return organisations.list(country, type, sme, page);
    }

    @GET
    @Path("/{pic}")
    @Operation(operationId = "getOrganisation", summary = "Get an organisation", description = "One organisation with all its participations.")
    @APIResponse(responseCode = "200", description = "The organisation with its participations",
            content = @Content(schema = @Schema(implementation = OrganisationDto.class)))
    public OrganisationDto get(@Parameter(description = "The PIC", example = "999993274") @PathParam("pic") String pic) {
        return organisations.get(pic);
    }

    /** For the OpenAPI document: a page of organisations. */
    @Schema(name = "OrganisationPage")
    public record OrganisationPage(List<OrganisationDto> items, int page, int size, long total) {
    }
}
