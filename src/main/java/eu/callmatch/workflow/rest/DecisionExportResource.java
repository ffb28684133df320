package eu.callmatch.workflow.rest;

import eu.callmatch.workflow.JudgementDto;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.spreadsheet.Representation;
import eu.callmatch.common.spreadsheet.Table;
import jakarta.annotation.security.RolesAllowed;
import eu.callmatch.workflow.service.DecisionService;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Every decision as a judgement list, to evaluate rankings on the helpdesk's own judgements. */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/decisions/export")
@Tag(name = "Workflow")
public class DecisionExportResource {

    private final DecisionService decisions;

    DecisionExportResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Representation.TEXT_CSV, Representation.XLSX})
    @Operation(operationId = "exportDecisions", summary = "Export the decisions as judgements",
            description = "Every member-call pair's present decision (member, call, decision, reason, date, who, "
                    + "note), by member then call, as JSON or, by the Accept header or the format parameter, as CSV "
                    + "or XLSX (a header row, then one row a decision); history=true gives every decision ever taken "
                    + "instead. A pair that a change put back in the queue has no present decision. "
                    + "src/tools/judgements_eval.py measures the ranking against it. For helpdesk staff and "
                    + "administrators.")
    @APIResponse(responseCode = "200", description = "The judgements",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = JudgementDto.class),
                    examples = @ExampleObject(name = "json", value = """
                            [{"memberId": 42, "memberName": "Blue Hull Robotics SAS",
                              "callIdentifier": "HORIZON-CL5-2026-D3-01-01", "decision": "SHORTLISTED",
                              "decidedAt": "2026-11-27T09:12:00Z", "decidedBy": "alice", "note": "Fits their drones"}]""")),
                    @Content(mediaType = Representation.TEXT_CSV,
                            schema = @Schema(type = SchemaType.STRING, description = Representation.CSV_DESCRIPTION),
                            examples = @ExampleObject(name = "csv", value = "memberId,memberName,callIdentifier,"
                                    + "decision,reasonCode,decidedAt,decidedBy,note\r\n42,Blue Hull Robotics SAS,"
                                    + "HORIZON-CL5-2026-D3-01-01,SHORTLISTED,,2026-11-27T09:12:00Z,alice,'=fits\r\n")),
                    @Content(mediaType = Representation.XLSX, schema = @Schema(type = SchemaType.STRING,
                            format = "binary", description = Representation.XLSX_DESCRIPTION))})
    public Response export(
            @Parameter(description = "Only this member's decisions", example = "42") @QueryParam("member") String member,
            @Parameter(description = "Every decision ever taken, not only each pair's present one", example = "false")
            @QueryParam("history") @DefaultValue("false") boolean history,
            @BeanParam Representation representation) {
        List<JudgementDto> judgements = decisions.export(Params.id("member", member), history);
        return representation.respond(judgements, () -> Table.of("Decisions", judgements,
                Table.column("memberId", JudgementDto::memberId),
                Table.column("memberName", JudgementDto::memberName),
                Table.column("callIdentifier", JudgementDto::callIdentifier),
                Table.column("decision", JudgementDto::decision),
                Table.column("reasonCode", JudgementDto::reasonCode),
                Table.column("decidedAt", JudgementDto::decidedAt),
                Table.column("decidedBy", JudgementDto::decidedBy),
                Table.column("note", JudgementDto::note)));
    }
}
