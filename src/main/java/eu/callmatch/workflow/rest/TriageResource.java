package eu.callmatch.workflow.rest;

import eu.callmatch.workflow.TriageItem;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.spreadsheet.Representation;
import jakarta.annotation.security.RolesAllowed;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.service.TriageService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The triage queue across all members (for helpdesk staff). */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/triage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow")
public class TriageResource {

    private final TriageService triage;

    TriageResource(TriageService triage) {
        this.triage = triage;
    }

    @GET
    @Operation(operationId = "listTriage", summary = "The triage queue",
            description = "Member-call pairs across all members, and the calls that staff users' saved searches "
                    + "found (kind SAVED_SEARCH_HIT; shortlist or dismiss them with decideSavedSearchHit), in the given "
                    + "statuses (default NEW: alerted or found, not decided yet), soonest next deadline first (calls "
                    + "with no deadline ahead last), then the most recently alerted or found; filtered by a deadline, "
                    + "the staff user assigned to the member or owning the search, a member, or a kind; as JSON, CSV "
                    + "or XLSX (by the format parameter or the Accept header). For helpdesk staff.")
    @Produces({MediaType.APPLICATION_JSON, Representation.TEXT_CSV, Representation.XLSX})
    @APIResponse(responseCode = "200", description = "One page of the queue; as CSV or XLSX (format, Accept) a row a pair",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WorkflowPages.TriagePage.class),
                    examples = @ExampleObject(name = "queue", value = """
                            {"items": [{"kind": "MEMBER_CALL", "member": {"id": 42, "name": "Blue Hull Robotics SAS"},
                              "assignee": "alice",
                              "call": {"identifier": "HORIZON-CL5-2026-D3-01-01", "title": "Floating offshore wind",
                              "status": "OPEN", "deadlines": ["2026-12-09"], "nextDeadline": "2026-12-09",
                              "daysToDeadline": 12}, "status": "NEW", "lastScore": 0.83,
                              "lastAlertAt": "2026-11-27T02:04:10Z"},
                             {"kind": "SAVED_SEARCH_HIT", "savedSearch": {"id": 5, "name": "Offshore wind, open"},
                              "assignee": "alice",
                              "call": {"identifier": "HORIZON-CL5-2026-D3-01-02", "title": "Wind farm moorings",
                              "status": "FORTHCOMING", "deadlines": ["2027-02-10"], "nextDeadline": "2027-02-10",
                              "daysToDeadline": 75}, "status": "NEW", "lastAlertAt": "2026-11-27T02:04:10Z"}],
                             "page": 0, "size": 20, "total": 2}""")),
                    @Content(mediaType = Representation.TEXT_CSV,
                            schema = @Schema(type = SchemaType.STRING, description = Representation.CSV_DESCRIPTION),
                            examples = @ExampleObject(name = "csv", value = "kind,memberId,memberName,savedSearch,"
                                    + "assignee,callIdentifier,title,programme,callStatus,nextDeadline,daysToDeadline,status,"
                                    + "reasonCode,lastScore,lastAlertAt,decidedAt,url\r\nMEMBER_CALL,42,Blue Hull Robotics SAS,,alice,"
                                    + "HORIZON-CL5-2026-D3-01-01,Floating offshore wind,Horizon Europe,OPEN,2026-12-09,12,"
                                    + "NEW,,0.83,2026-11-27T02:04:10Z,,https://ec.europa.eu/\r\n")),
                    @Content(mediaType = Representation.XLSX, schema = @Schema(type = SchemaType.STRING,
                            format = "binary", description = Representation.XLSX_DESCRIPTION))})
    public Response queue(
            @Parameter(description = "Pair statuses, comma-separated: NEW, SHORTLISTED, DISMISSED, CONTACTED, "
                    + "APPLYING, SUBMITTED (default NEW)", example = "NEW") @QueryParam("status") String status,
            @Parameter(description = "Only calls whose next deadline is before this day", example = "2026-12-31")
            @QueryParam("deadlineBefore") String deadlineBefore,
            @Parameter(description = "Only members assigned to this staff user", example = "alice")
            @QueryParam("assignee") @Size(max = 200, message = "must be at most 200 characters") String assignee,
            @Parameter(description = "Only this member (leaves the saved searches' hits out)", example = "42")
            @QueryParam("member") String member,
            @Parameter(description = "Kinds, comma-separated: MEMBER_CALL, SAVED_SEARCH_HIT (default both)",
                    example = "MEMBER_CALL") @QueryParam("kind") String kind,
            @Valid @BeanParam PageRequest page, @BeanParam Representation representation) {
        List<PairStatus> statuses = QueryLists.enums("status", status, PairStatus.class);
        Page<TriageItem> queue = triage.queue(new TriageService.Filter(statuses.isEmpty() ? List.of(PairStatus.NEW) : statuses,
                QueryLists.date("deadlineBefore", deadlineBefore),
                assignee == null || assignee.isBlank() ? null : assignee.strip(), Params.id("member", member),
                QueryLists.enums("kind", kind, TriageItem.Kind.class)), page);
        return representation.respond(queue, () -> WorkflowSheets.triage(queue.items()));
    }
}
