package eu.callmatch.workflow.rest;

import eu.callmatch.workflow.AlertDto;
import eu.callmatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import eu.callmatch.common.config.Today;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.service.AlertService;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import static eu.callmatch.workflow.rest.AlertResource.ALERT_EXAMPLE;

/** A member's alerts (for helpdesk staff); under /members, whose resources match those paths first. */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow")
public class MemberAlertResource {

    private final AlertService alerts;
    private final Today today;

    MemberAlertResource(AlertService alerts, Today today) {
        this.alerts = alerts;
        this.today = today;
    }

    @GET
    @Path("/{id}/alerts")
    @Operation(operationId = "listMemberAlerts", summary = "A member's alerts",
            description = "The match notifications raised for a member by imports, newest first: each new or "
                    + "changed call that fits the member (or that the member follows), with its score, why it fits "
                    + "and what changed. status filters on where the member-call pair stands now (NEW until staff "
                    + "decide). For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "One page of alerts",
            content = @Content(schema = @Schema(implementation = WorkflowPages.AlertPage.class),
                    examples = @ExampleObject(name = "alerts", value = ALERT_EXAMPLE)))
    public Page<AlertDto> forMember(
            @Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
            @Parameter(description = "Only alerts raised since this day (where deadlines are read) or instant",
                    example = "2026-11-20") @QueryParam("since") String since,
            @Parameter(description = "Only pairs in these statuses, comma-separated: NEW, SHORTLISTED, DISMISSED, "
                    + "CONTACTED, APPLYING, SUBMITTED", example = "NEW") @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        return alerts.forMember(id, since(since), QueryLists.enums("status", status, PairStatus.class), page);
    }

    private OffsetDateTime since(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay(today.zone()).toOffsetDateTime()
                    : OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("query", "since", "'" + value
                    + "' is neither a date like 2026-11-20 nor an instant like 2026-11-20T06:00:00Z");
        }
    }
}
