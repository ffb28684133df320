package eu.callmatch.organisations.rest;

import eu.callmatch.organisations.OrganisationDto;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.SearchPage;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.text.Countries;
import eu.callmatch.search.service.PartyQuery;
import eu.callmatch.search.service.SearchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
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
import java.util.Map;

@RolesAllowed({Roles.READER, Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "The partner pool: organisations with their past EU projects (CORDIS)")
public class OrganisationResource {

    private final OrganisationService organisations;
    private final SearchService search;

    OrganisationResource(OrganisationService organisations, SearchService search) {
        this.organisations = organisations;
        this.search = search;
    }

    @GET
    @Operation(operationId = "listOrganisations", summary = "Search and list organisations",
            description = "Organisations of the partner pool matching the free text q, which searches what they "
                    + "did: names, and their projects' titles, objectives, topics and science fields (quotes make a "
                    + "phrase, a leading - excludes a word); narrowed by country, kind and SME flag, with facet "
                    + "counts. By relevance with q, by name without (or by number of participations).")
    @APIResponse(responseCode = "200", description = "One page of organisations",
            content = @Content(schema = @Schema(implementation = OrganisationPage.class)))
    public SearchPage<OrganisationHit> list(
            @Parameter(description = "Free text", example = "containership fire safety")
            @QueryParam("q") @Size(max = 1000, message = "must be at most 1000 characters") String q,
            @Parameter(description = "Country code (ISO or EU convention)", example = "ES")
            @QueryParam("country") @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code")
            String country,
            @Parameter(description = "The kind of organisation",
                    schema = @Schema(type = SchemaType.STRING, implementation = OrganisationType.class))
            @QueryParam("organisationType") String organisationType,
            @Parameter(description = "Only SMEs (true) or only non-SMEs (false)", example = "true")
            @QueryParam("sme") Boolean sme,
            @Parameter(description = "relevance (the default with q), name (the default without) or participations",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"relevance", "name", "participations"}))
            @QueryParam("sort") String sort,
            @Valid @BeanParam PageRequest page) {
        List<String> types = organisationType == null || organisationType.isBlank() ? List.of()
                : List.of(QueryLists.parse("organisationType", organisationType, OrganisationType.class).name());
        PartyQuery query = new PartyQuery(q, country == null ? List.of() : List.of(Countries.normalise(country)), types,
                sme, sortOf(sort), page.offset(), page.size);
        SearchService.Found found = search.organisations(query);
        Map<String, OrganisationDto> byPic = organisations.summaries(found.ids()).stream()
                .collect(java.util.stream.Collectors.toMap(OrganisationDto::pic, o -> o));
        List<OrganisationHit> items = found.items(byPic, OrganisationHit::new);
        return new SearchPage<>(items, page.page, page.size, found.total(), found.facets());
    }

    @GET
    @Path("/{pic}")
    @Operation(operationId = "getOrganisation", summary = "Get an organisation", description = "One organisation with all its participations.")
    @APIResponse(responseCode = "200", description = "The organisation with its participations",
            content = @Content(schema = @Schema(implementation = OrganisationDto.class)))
    public OrganisationDto get(@Parameter(description = "The PIC", example = "999993274") @PathParam("pic") String pic) {
        return organisations.get(pic);
    }

    private static PartyQuery.Sort sortOf(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        return switch (sort) {
            case "relevance" -> PartyQuery.Sort.RELEVANCE;
            case "name" -> PartyQuery.Sort.NAME;
            case "participations" -> PartyQuery.Sort.PARTICIPATIONS;
            default -> throw ProblemException.invalid("query", "sort", "must be relevance, name or participations");
        };
    }

    /** An organisation found, with where the query matched. */
    @Schema(name = "OrganisationHit",
            description = "An organisation found: its fields, and a snippet where the query matched")
    public record OrganisationHit(@JsonUnwrapped OrganisationDto organisation,
                                  @Schema(description = "Where the query matched, HTML-escaped, matches in <em>",
                                          example = "Innovative strategies for <em>containership</em> <em>fires</em>")
                                  String snippet) {
    }

    /** For the OpenAPI document: a page of organisations found. */
    @Schema(name = "OrganisationPage")
    public record OrganisationPage(List<OrganisationHit> items, int page, int size, long total,
                                   @Schema(example = "{\"sme\": {\"true\": 812, \"false\": 2301}}")
                                   Map<String, Map<String, Long>> facets) {
    }
}
