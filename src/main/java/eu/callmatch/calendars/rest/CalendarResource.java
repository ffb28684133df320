package eu.callmatch.calendars.rest;

import eu.callmatch.calendars.service.CalendarService;
import eu.callmatch.common.openapi.ApiDocumentFilter;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A deadline calendar as calendar clients read it: the secret in the address is the only credential. */
@PermitAll
@Path("/api/v1/calendars")
@Tag(name = "Outputs")
public class CalendarResource {

    static final String TEXT_CALENDAR = "text/calendar";

    private final CalendarService calendars;

    CalendarResource(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GET
    @Path("/{token}/deadlines.ics")
    @Produces(TEXT_CALENDAR)
    @Extension(name = ApiDocumentFilter.PUBLIC, value = "true")
    @Operation(operationId = "getCalendar", summary = "A deadline calendar (for calendar clients)",
            description = "The iCalendar (RFC 5545) feed at a secret address made by createCalendarFeed: one all-day "
                    + "event a deadline of the calls in the pipeline, whose UID stays the same when the deadline "
                    + "moves, written anew at every read. Needs no login: the address is the key. 404 when the "
                    + "address was never made or is revoked.")
    @APIResponse(responseCode = "200", description = "The calendar",
            content = @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "ics", value = """
                            BEGIN:VCALENDAR\r
                            VERSION:2.0\r
                            PRODID:-//Callmatch//Deadlines//EN\r
                            METHOD:PUBLISH\r
                            NAME:Callmatch deadlines: Blue Hull Robotics SAS\r
                            BEGIN:VEVENT\r
                            UID:deadline-1.HORIZON-CL5-2026-D3-01-01.member-42@callmatch\r
                            DTSTAMP:20261128T060000Z\r
                            DTSTART;VALUE=DATE:20261209\r
                            DTEND;VALUE=DATE:20261210\r
                            SUMMARY:Deadline: HORIZON-CL5-2026-D3-01-01 Floating offshore wind (Blue Hull Robotics SAS)\r
                            END:VEVENT\r
                            END:VCALENDAR\r
                            """)))
    public Response calendar(@Parameter(description = "The feed's secret", example = "q3Jx0Xh1mB2kTz8V0nYc4sQ7pL9wE6rA5dF2gH8jK1o")
                             @PathParam("token") String token) {
        return Response.ok(calendars.read(token), TEXT_CALENDAR + ";charset=UTF-8")
                .header("Content-Disposition", "inline; filename=\"deadlines.ics\"")
                .header("Cache-Control", "private, max-age=300").build();
    }
}
