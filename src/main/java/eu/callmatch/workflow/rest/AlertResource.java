package eu.callmatch.workflow.rest;

import eu.callmatch.workflow.AlertDto;
import eu.callmatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.service.AlertService;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** The match notifications that imports raise (for helpdesk staff). */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow", description = "The helpdesk's work: alerts after imports, decisions, the triage queue, "
        + "pipelines and digests")
public class AlertResource {

    static final String ALERT_EXAMPLE = """
            {"items": [{"id": 981, "member": {"id": 42, "name": "Blue Hull Robotics SAS"},
              "call": {"identifier": "HORIZON-CL5-2026-D3-01-01", "title": "Floating offshore wind", "programme":
              "Horizon Europe", "status": "OPEN", "deadlines": ["2026-12-09"], "nextDeadline": "2026-12-09",
              "daysToDeadline": 12}, "score": 0.83, "changes": ["DEADLINE_CHANGED"],
              "changeNotes": ["deadline 2026-12-01 -> 2026-12-09"],
              "reasons": ["profile terms in the title: 'offshore', 'wind'", "deadline in 12 days (2026-12-09)"],
              "importRun": 17, "createdAt": "2026-11-27T02:04:10Z", "status": "NEW"}],
             "page": 0, "size": 20, "total": 1}""";

    private final AlertService alerts;

    AlertResource(AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @Operation(operationId = "listAlerts", summary = "Alerts across members",
            description = "The match notifications of every member, newest first; importRun gives those one import "
                    + "raised, member one member's. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "One page of alerts",
            content = @Content(schema = @Schema(implementation = WorkflowPages.AlertPage.class),
                    examples = @ExampleObject(name = "alerts", value = ALERT_EXAMPLE)))
    public Page<AlertDto> list(
            @Parameter(description = "Only those this import run raised", example = "17") @QueryParam("importRun") String importRun,
            @Parameter(description = "Only this member's", example = "42") @QueryParam("member") String member,
            @Parameter(description = "Only pairs in these statuses, comma-separated", example = "NEW")
            @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        return alerts.list(Params.id("importRun", importRun), Params.id("member", member),
                QueryLists.enums("status", status, PairStatus.class), page);
    }
}
