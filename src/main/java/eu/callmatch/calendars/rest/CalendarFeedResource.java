package eu.callmatch.calendars.rest;

import eu.callmatch.calendars.service.CalendarService;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.security.CurrentUser;
import eu.callmatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/** The deadline calendars' secret addresses, made and revoked by helpdesk staff. */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/calendar-feeds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outputs", description = "What the helpdesk sends out: deadline calendars, e-mail digests")
public class CalendarFeedResource {

    static final String FEED_EXAMPLE = """
            {"id": 7, "member": 42, "createdBy": "bob", "createdAt": "2026-11-27T09:12:00Z",
             "lastReadAt": "2026-11-28T06:00:00Z"}""";

    private final CalendarService calendars;
    private final CurrentUser user;

    CalendarFeedResource(CalendarService calendars, CurrentUser user) {
        this.calendars = calendars;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCalendarFeed", summary = "Publish a deadline calendar",
            description = "Makes a secret address that serves, as iCalendar (text/calendar), the deadlines of a "
                    + "member's pipeline (member) or of the pipelines of the members a staff user looks after "
                    + "(assignee): one all-day event a deadline of every call shortlisted, contacted, applied to or "
                    + "submitted, kept up to date as calls change. Calendar clients cannot log in, so the address "
                    + "is the key: it is in this answer only (the service keeps a hash of it); revoke it with "
                    + "DELETE, make a new one to replace it. For helpdesk staff.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CalendarFeedRequest.class),
            examples = {@ExampleObject(name = "member", value = "{\"member\": 42}"),
                    @ExampleObject(name = "staff", value = "{\"assignee\": \"alice\"}")}))
    @APIResponse(responseCode = "201", description = "The feed, with its secret address",
            content = @Content(schema = @Schema(implementation = CalendarFeedDto.class),
                    examples = @ExampleObject(name = "created", value = """
                            {"id": 7, "member": 42,
                             "url": "https://callmatch.example.org/api/v1/calendars/q3Jx0Xh1mB2kTz8V0nYc4sQ7pL9wE6rA5dF2gH8jK1o/deadlines.ics",
                             "createdBy": "bob", "createdAt": "2026-11-27T09:12:00Z"}""")))
    @APIResponse(responseCode = "404", description = "No such member")
    public Response create(@NotNull(message = "a member or an assignee is required") @Valid CalendarFeedRequest body,
                           UriInfo uri) {
        if ((body.member() == null) == (body.assignee() == null || body.assignee().isBlank())) {
            throw ProblemException.invalid("body", "member", "give either member or assignee, not both");
        }
        CalendarService.Issued issued = calendars.create(body.member(),
                body.member() == null ? body.assignee().strip() : null, user.name());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(issued.feed().id)).build())
                .entity(CalendarFeedDto.of(issued.feed(), issued.url())).build();
    }

    @GET
    @Operation(operationId = "listCalendarFeeds", summary = "The deadline calendars",
            description = "Every feed made, revoked ones included, oldest first; without their addresses. For "
                    + "helpdesk staff.")
    @APIResponse(responseCode = "200", description = "One page of feeds",
            content = @Content(schema = @Schema(implementation = CalendarFeedDto.FeedPage.class),
                    examples = @ExampleObject(name = "feeds", value = "{\"items\": [" + FEED_EXAMPLE
                            + "], \"page\": 0, \"size\": 20, \"total\": 1}")))
    public Page<CalendarFeedDto> list(@Valid @BeanParam PageRequest page) {
        return calendars.list(page).map(f -> CalendarFeedDto.of(f, null));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCalendarFeed", summary = "A deadline calendar",
            description = "Whose deadlines the feed shows, who made it, when a client last read it, whether it is "
                    + "revoked; not its address. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "The feed",
            content = @Content(schema = @Schema(implementation = CalendarFeedDto.class),
                    examples = @ExampleObject(name = "feed", value = FEED_EXAMPLE)))
    public CalendarFeedDto get(@Parameter(description = "The feed's id", example = "7") @PathParam("id") long id) {
        return CalendarFeedDto.of(calendars.get(id), null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeCalendarFeed", summary = "Revoke a deadline calendar",
            description = "The feed's address stops working at once (404 to calendar clients); the feed stays "
                    + "listed, revoked. Revoking a revoked feed changes nothing. For helpdesk staff.")
    @APIResponse(responseCode = "204", description = "The address no longer works")
    public void revoke(@Parameter(description = "The feed's id", example = "7") @PathParam("id") long id) {
        calendars.revoke(id);
    }
}
