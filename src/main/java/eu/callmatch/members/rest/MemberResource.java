package eu.callmatch.members.rest;

import eu.callmatch.members.MemberAuditDto;
import eu.callmatch.members.MemberExportDto;
import eu.callmatch.members.MemberDto;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import eu.callmatch.common.paging.SearchPage;
import eu.callmatch.common.security.CurrentUser;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.text.Countries;
import eu.callmatch.search.service.PartyQuery;
import eu.callmatch.search.service.SearchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.service.MemberService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members", description = "The cluster's member organisations, which the helpdesk serves")
public class MemberResource {

    private final MemberService members;
    private final SearchService search;
    private final CurrentUser user;

    MemberResource(MemberService members, SearchService search, CurrentUser user) {
        this.members = members;
        this.search = search;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listMembers", summary = "Search and list members",
            description = "Members matching the free text q (over name, description and keywords; quotes make a "
                    + "phrase, a leading - excludes a word) and the filters, by relevance with q and by name without, "
                    + "with facet counts. Contact persons are never searched.")
    @APIResponse(responseCode = "200", description = "One page of members",
            content = @Content(schema = @Schema(implementation = MemberPage.class)))
    public SearchPage<MemberHit> list(
            @Parameter(description = "Free text", example = "underwater robotics")
            @QueryParam("q") @Size(max = 1000, message = "must be at most 1000 characters") String q,
            @Parameter(description = "Country code (ISO or EU convention)", example = "FR")
            @QueryParam("country") @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code")
            String country,
            @Parameter(description = "The kind of organisation",
                    schema = @Schema(type = SchemaType.STRING, implementation = OrganisationType.class))
            @QueryParam("organisationType") String organisationType,
            @Valid @BeanParam PageRequest page) {
        List<String> types = organisationType == null || organisationType.isBlank() ? List.of()
                : List.of(QueryLists.parse("organisationType", organisationType, OrganisationType.class).name());
        PartyQuery query = new PartyQuery(q, country == null ? List.of() : List.of(Countries.normalise(country)), types,
                null, null, page.offset(), page.size);
        SearchService.Found found = search.members(query);
        List<MemberHit> items = found.items(members.findAll(found.ids()), (m, snippet) -> new MemberHit(visible(m), snippet));
        return new SearchPage<>(items, page.page, page.size, found.total(), found.facets());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMember", summary = "Get a member",
            description = "One member with its profile and, for helpdesk staff, its contact person.")
    @APIResponse(responseCode = "200", description = "The member",
            content = @Content(schema = @Schema(implementation = MemberDto.class)))
    public MemberDto get(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id) {
        return visible(members.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createMember", summary = "Add a member", description = "Name and country together are unique, and so is the "
            + "external id when given: a second member with either answers 409.")
    @APIResponse(responseCode = "201", description = "The member was added",
            headers = @Header(name = "Location", description = "The new member's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(schema = @Schema(implementation = MemberDto.class)))
    public Response create(@NotNull(message = "a member is required") @Valid MemberDto body, UriInfo uri) {
        MemberDto created = members.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceMember", summary = "Replace a member", description = "Replaces every field of the member.")
    @APIResponse(responseCode = "200", description = "The member as stored",
            content = @Content(schema = @Schema(implementation = MemberDto.class)))
    public MemberDto replace(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
                             @NotNull(message = "a member is required") @Valid MemberDto body) {
        return members.replace(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteMember", summary = "Delete a member", description = "Removes the member and "
            + "everything held on it, its contact person included, from the database and the search index for good; "
            + "the audit trail keeps only who deleted it when. Admin only.")
    @APIResponse(responseCode = "204", description = "The member was deleted")
    public void delete(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id) {
        members.delete(id);
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getMemberAudit", summary = "A member's audit trail",
            description = "Who created, changed, exported or deleted the member, when, and which fields changed: "
                    + "the names of the fields, never their values. Kept after the member is deleted. Admin only.")
    @APIResponse(responseCode = "200", description = "The trail, oldest first",
            content = @Content(schema = @Schema(implementation = MemberAuditDto.Trail.class)))
    public MemberAuditDto.Trail audit(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id) {
        return new MemberAuditDto.Trail(id, members.audit(id));
    }

    @GET
    @Path("/{id}/export")
    @Operation(operationId = "exportMember", summary = "Export everything held on a member",
            description = "For a data-subject request: the member's record with its contact person, and its audit "
                    + "trail. The export is itself recorded in the trail. To erase the member's personal data for "
                    + "good, delete the member.")
    @APIResponse(responseCode = "200", description = "Everything held on the member",
            content = @Content(schema = @Schema(implementation = MemberExportDto.class)))
    public MemberExportDto export(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id) {
        return members.export(id);
    }

    /** A member as this caller may see it: the contact person is personal data, for staff and admins only. */
    private MemberDto visible(MemberDto member) {
        return user.seesPersonalData() ? member : member.withoutContact();
    }

    /** A member found, with where the query matched. */
    @Schema(name = "MemberHit", description = "A member found: the member's fields, and a snippet where the query matched")
    public record MemberHit(@JsonUnwrapped MemberDto member,
                            @Schema(description = "Where the query matched, HTML-escaped, matches in <em>",
                                    example = "<em>Underwater</em> drones for port inspection") String snippet) {
    }

    /** For the OpenAPI document: a page of members found. */
    @Schema(name = "MemberPage")
    public record MemberPage(List<MemberHit> items, int page, int size, long total,
                             @Schema(example = "{\"country\": {\"FR\": 4, \"ES\": 2}}")
                             Map<String, Map<String, Long>> facets) {
    }
}
