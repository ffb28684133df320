package eu.callmatch.savedsearches.rest;

import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.common.security.CurrentUser;
import eu.callmatch.common.security.Roles;
import eu.callmatch.savedsearches.HitStatus;
import eu.callmatch.savedsearches.SavedSearch;
import eu.callmatch.savedsearches.service.SavedSearches;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The signed-in staff user's saved searches and what imports brought into them. */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/saved-searches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outputs")
public class SavedSearchResource {

    static final String SEARCH = """
            {"id": 5, "name": "Offshore wind, open", "owner": "alice", "q": "offshore wind", "status": "OPEN,FORTHCOMING",
             "programme": "Horizon Europe", "digest": true, "createdAt": "2026-11-27T09:12:00Z"}""";
    static final String HIT = """
            {"search": 5, "searchName": "Offshore wind, open", "callIdentifier": "HORIZON-CL5-2026-D3-01-01",
             "importRun": 118, "createdAt": "2026-11-27T02:04:10Z", "status": "NEW"}""";

    private final SavedSearches searches;
    private final CurrentUser user;

    SavedSearchResource(SavedSearches searches, CurrentUser user) {
        this.searches = searches;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSavedSearch", summary = "Save a call search",
            description = "A named search with the filters of GET /api/v1/calls (q, programme, status, actionType, "
                    + "cluster, deadlineFrom, deadlineTo, budgetMin), owned by the signed-in staff user. After every "
                    + "calls import, like the members' alerts, it is run over the calls the import created or "
                    + "changed, and those it finds become its hits (listSavedSearchHits). 409 when the user has a "
                    + "search of that name. For helpdesk staff.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SavedSearchDto.class),
            examples = @ExampleObject(name = "search", value = "{\"name\": \"Offshore wind, open\", \"q\": \"offshore "
                    + "wind\", \"status\": \"OPEN,FORTHCOMING\", \"programme\": \"Horizon Europe\"}")))
    @APIResponse(responseCode = "201", description = "The saved search",
            content = @Content(schema = @Schema(implementation = SavedSearchDto.class),
                    examples = @ExampleObject(name = "created", value = SEARCH)))
    @APIResponse(responseCode = "409", description = "The user has a saved search of that name")
    public Response create(@NotNull(message = "a saved search is required") @Valid SavedSearchDto body, UriInfo uri) {
        checkDates(body);
        SavedSearch saved = searches.create(body.toEntity(user.name()));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(saved.id)).build())
                .entity(SavedSearchDto.of(saved)).build();
    }

    @GET
    @Operation(operationId = "listSavedSearches", summary = "My saved searches",
            description = "The signed-in staff user's saved searches, by name. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "One page of saved searches",
            content = @Content(schema = @Schema(implementation = SavedSearchDto.SearchPage.class),
                    examples = @ExampleObject(name = "searches", value = "{\"items\": [" + SEARCH
                            + "], \"page\": 0, \"size\": 20, \"total\": 1}")))
    public Page<SavedSearchDto> list(@Valid @BeanParam PageRequest page) {
        List<SavedSearchDto> all = searches.ofOwner(user.name()).stream().map(SavedSearchDto::of).toList();
        int from = Math.min(page.offset(), all.size());
        return new Page<>(all.subList(from, Math.min(from + page.size, all.size())), page.page, page.size, all.size());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSavedSearch", summary = "One of my saved searches",
            description = "404 for a search of another user. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "The saved search",
            content = @Content(schema = @Schema(implementation = SavedSearchDto.class),
                    examples = @ExampleObject(name = "search", value = SEARCH)))
    public SavedSearchDto get(@Parameter(description = "The search's id", example = "5") @PathParam("id") long id) {
        return SavedSearchDto.of(searches.get(id, user.name()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceSavedSearch", summary = "Change one of my saved searches",
            description = "Replaces the search's name, filters and digest flag (digest absent: true); the hits it has "
                    + "stay, and the next imports are checked with the new filters. 404 for a search of another "
                    + "user; 409 when another of the user's searches has that name. For helpdesk staff.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SavedSearchDto.class),
            examples = @ExampleObject(name = "search", value = "{\"name\": \"Offshore wind, open\", \"q\": \"offshore "
                    + "wind\", \"status\": \"OPEN,FORTHCOMING\", \"digest\": false}")))
    @APIResponse(responseCode = "200", description = "The saved search",
            content = @Content(schema = @Schema(implementation = SavedSearchDto.class),
                    examples = @ExampleObject(name = "search", value = SEARCH)))
    @APIResponse(responseCode = "409", description = "Another of the user's saved searches has that name")
    public SavedSearchDto replace(@Parameter(description = "The search's id", example = "5") @PathParam("id") long id,
                                  @NotNull(message = "a saved search is required") @Valid SavedSearchDto body) {
        checkDates(body);
        return SavedSearchDto.of(searches.update(id, user.name(), body.toEntity(user.name())));
    }

    private static void checkDates(SavedSearchDto body) {
        if (body.deadlineFrom() != null && body.deadlineTo() != null && body.deadlineTo().isBefore(body.deadlineFrom())) {
            throw ProblemException.invalid("body", "deadlineTo", "must not be before deadlineFrom");
        }
        for (var date : new java.time.LocalDate[]{body.deadlineFrom(), body.deadlineTo()}) {
            String outside = QueryLists.outsideRange(date);
            if (outside != null) {
                throw ProblemException.invalid("body", date == body.deadlineFrom() ? "deadlineFrom" : "deadlineTo",
                        outside);
            }
        }
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSavedSearch", summary = "Delete one of my saved searches",
            description = "The search and its hits go. For helpdesk staff.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@Parameter(description = "The search's id", example = "5") @PathParam("id") long id) {
        searches.delete(id, user.name());
    }

    @GET
    @Path("/hits")
    @Operation(operationId = "listSavedSearchHits", summary = "What imports brought into my saved searches",
            description = "The calls that calls imports created or changed and that one of the signed-in user's "
                    + "saved searches finds, newest first, each once per search; search narrows to one, status to "
                    + "NEW (not looked at yet; these are also in the triage queue), SHORTLISTED or DISMISSED. For "
                    + "helpdesk staff.")
    @APIResponse(responseCode = "200", description = "One page of hits",
            content = @Content(schema = @Schema(implementation = SavedSearchDto.HitPage.class),
                    examples = @ExampleObject(name = "hits", value = "{\"items\": [" + HIT
                            + "], \"page\": 0, \"size\": 20, \"total\": 1}")))
    @APIResponse(responseCode = "404", description = "search names no saved search of the signed-in user")
    public Page<SavedSearchDto.Hit> hits(
            @Parameter(description = "Only this saved search's", example = "5")
            @QueryParam("search") @Positive(message = "must be a saved search's id") Long search,
            @Parameter(description = "Statuses, comma-separated: NEW, SHORTLISTED, DISMISSED (default all)",
                    example = "NEW") @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        return searches.hits(user.name(), search, QueryLists.enums("status", status, HitStatus.class), page)
                .map(SavedSearchDto.Hit::of);
    }

    @PUT
    @Path("/{id}/hits/{identifier: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decideSavedSearchHit", summary = "Shortlist or dismiss a hit of my saved search",
            description = "The owner's verdict on a call their search found: SHORTLISTED keeps it (e.g. to pass to a "
                    + "member with setDecision), DISMISSED drops it, NEW puts it back; either way it leaves the NEW "
                    + "triage queue and the e-mail. 404 for a hit that is not the signed-in user's. For helpdesk "
                    + "staff.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SavedSearchDto.Decision.class),
            examples = @ExampleObject(name = "dismiss", value = "{\"status\": \"DISMISSED\"}")))
    @APIResponse(responseCode = "200", description = "The hit",
            content = @Content(schema = @Schema(implementation = SavedSearchDto.Hit.class),
                    examples = @ExampleObject(name = "hit", value = """
                            {"search": 5, "searchName": "Offshore wind, open", "callIdentifier": "HORIZON-CL5-2026-D3-01-01",
                             "importRun": 118, "createdAt": "2026-11-27T02:04:10Z", "status": "DISMISSED",
                             "decidedBy": "alice", "decidedAt": "2026-11-27T09:12:00Z"}""")))
    public SavedSearchDto.Hit decide(
            @Parameter(description = "The search's id", example = "5") @PathParam("id") long id,
            @Parameter(description = "The call's identifier", example = "HORIZON-CL5-2026-D3-01-01")
            @PathParam("identifier") String identifier,
            @NotNull(message = "a verdict is required") @Valid SavedSearchDto.Decision body) {
        return SavedSearchDto.Hit.of(searches.decide(user.name(), id, identifier, body.status(), user.name()));
    }
}
