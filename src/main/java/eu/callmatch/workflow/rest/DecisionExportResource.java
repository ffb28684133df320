package eu.callmatch.workflow.rest;

import eu.callmatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import eu.callmatch.workflow.service.DecisionService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Every decision as a judgement list, to evaluate rankings on the helpdesk's own judgements. */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/decisions/export")
@Tag(name = "Workflow")
public class DecisionExportResource {

    static final String TEXT_CSV = "text/csv";
    static final String[] HEADER = {"memberId", "memberName", "callIdentifier", "decision", "reasonCode", "decidedAt",
            "decidedBy", "note"};

    private final DecisionService decisions;

    DecisionExportResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(operationId = "exportDecisions", summary = "Export the decisions as judgements",
            description = "Every member-call pair's present decision (member, call, decision, reason, date, who, "
                    + "note), by member then call, as JSON or, by the Accept header or format=csv, as CSV (RFC 4180, "
                    + "with a header row); history=true gives every decision ever taken instead. A pair that a "
                    + "change put back in the queue has no present decision. src/tools/judgements_eval.py measures "
                    + "the ranking against it. For helpdesk staff and administrators.")
    @APIResponse(responseCode = "200", description = "The judgements",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = JudgementDto.class),
                    examples = @ExampleObject(name = "json", value = """
                            [{"memberId": 42, "memberName": "Blue Hull Robotics SAS",
                              "callIdentifier": "HORIZON-CL5-2026-D3-01-01", "decision": "SHORTLISTED",
                              "decidedAt": "2026-11-27T09:12:00Z", "decidedBy": "alice", "note": "Fits their drones"}]""")),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = "memberId,memberName,callIdentifier,decision,"
                                    + "reasonCode,decidedAt,decidedBy,note\r\n42,Blue Hull Robotics SAS,"
                                    + "HORIZON-CL5-2026-D3-01-01,SHORTLISTED,,2026-11-27T09:12:00Z,alice,Fits their drones\r\n"))})
    public Response export(
            @Parameter(description = "Only this member's decisions", example = "42") @QueryParam("member") String member,
            @Parameter(description = "Every decision ever taken, not only each pair's present one", example = "false")
            @QueryParam("history") @DefaultValue("false") boolean history,
            @Parameter(description = "csv or json; overrides the Accept header", example = "csv",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"csv", "json"}))
            @QueryParam("format") String format,
            @Context Request request) {
        List<JudgementDto> judgements = decisions.export(Params.id("member", member), history);
        boolean csv;
        if (format != null && !format.isBlank()) {
            csv = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw eu.callmatch.common.error.ProblemException.invalid("query", "format",
                        "'" + format + "' is not one of csv, json");
            };
        } else {
            Variant chosen = request.selectVariant(Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
                    MediaType.valueOf(TEXT_CSV)).build());
            csv = chosen != null && chosen.getMediaType().isCompatible(MediaType.valueOf(TEXT_CSV));
        }
        if (!csv) {
            return Response.ok(judgements, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(csv(judgements), TEXT_CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"decisions.csv\"").build();
    }

    static String csv(List<JudgementDto> judgements) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (JudgementDto j : judgements) {
                printer.printRecord(j.memberId(), j.memberName(), j.callIdentifier(), j.decision(), j.reasonCode(),
                        j.decidedAt(), j.decidedBy(), j.note());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
