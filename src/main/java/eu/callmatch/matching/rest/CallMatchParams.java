package eu.callmatch.matching.rest;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.matching.service.CallMatchService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters of both call-match endpoints. */
public class CallMatchParams {

    @Parameter(description = "Only these statuses, comma-separated (past deadlines included). Without it: only calls "
            + "that can still be applied to (OPEN or FORTHCOMING, a deadline ahead or none)", example = "OPEN,FORTHCOMING")
    @QueryParam("status")
    public String status;

    @Parameter(description = "Only these programmes, comma-separated (replaces the profile's programmes)",
            example = "Horizon Europe")
    @QueryParam("programme")
    public String programme;

    @Parameter(description = "Only these types of action, comma-separated", example = "HORIZON-RIA,HORIZON-IA")
    @QueryParam("actionType")
    public String actionType;

    @Parameter(description = "Only calls with a deadline on or after this day (or none)", example = "2026-09-01")
    @QueryParam("deadlineAfter")
    public String deadlineAfter;

    @Parameter(description = "How many calls, at most 200", example = "20")
    @QueryParam("limit") @DefaultValue("20")
    @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200")
    public int limit;

    @Parameter(description = "Also show calls the profile is not eligible for (closed, another programme, an "
            + "ineligible country), with a lower score and the reason", example = "false")
    @QueryParam("includeIneligible") @DefaultValue("false")
    public boolean includeIneligible;

    CallMatchService.Filters filters() {
        return new CallMatchService.Filters(QueryLists.enums("status", status, CallStatus.class),
                QueryLists.split(programme), QueryLists.split(actionType), QueryLists.date("deadlineAfter", deadlineAfter),
                limit, includeIneligible);
    }
}
