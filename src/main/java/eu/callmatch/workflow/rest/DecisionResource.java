package eu.callmatch.workflow.rest;

import eu.callmatch.workflow.AssigneeDto;
import eu.callmatch.workflow.DecisionRequest;
import eu.callmatch.workflow.DecisionDto;
import eu.callmatch.workflow.DigestDto;
import eu.callmatch.workflow.PipelineItem;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.spreadsheet.Representation;
import jakarta.annotation.security.RolesAllowed;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.workflow.service.DecisionService;
import eu.callmatch.workflow.service.DigestService;
import eu.callmatch.workflow.service.TriageService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** A member's side of the workflow: decisions on its calls, its pipeline, its digest, who looks after it. */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow")
public class DecisionResource {

    static final String DECISION_EXAMPLE = """
            {"member": {"id": 42, "name": "Blue Hull Robotics SAS"},
             "call": {"identifier": "HORIZON-CL5-2026-D3-01-01", "title": "Floating offshore wind", "status": "OPEN",
              "deadlines": ["2026-12-09"], "nextDeadline": "2026-12-09", "daysToDeadline": 12},
             "status": "DISMISSED", "reasonCode": "NO_CAPACITY", "note": "Busy with their LIFE project until June",
             "decidedBy": "alice", "decidedAt": "2026-11-27T09:12:00Z",
             "history": [{"status": "SHORTLISTED", "decidedBy": "bob", "decidedAt": "2026-11-26T08:00:00Z"},
              {"status": "DISMISSED", "reasonCode": "NO_CAPACITY", "note": "Busy with their LIFE project until June",
               "decidedBy": "alice", "decidedAt": "2026-11-27T09:12:00Z"}]}""";
    static final String DIGEST_TEXT = """
            Funding calls for Blue Hull Robotics SAS, 2026-11-27

            New and changed calls (1)

            - HORIZON-CL5-2026-D3-01-01: Floating offshore wind
              deadline changed (deadline 2026-12-01 -> 2026-12-09)
              deadline 2026-12-09 (in 12 days)
              Why: profile terms in the title: 'offshore', 'wind'
            """;

    private final DecisionService decisions;
    private final DigestService digests;
    private final TriageService triage;
    private final Instance<SecurityIdentity> identity;

    DecisionResource(DecisionService decisions, DigestService digests, TriageService triage,
                     Instance<SecurityIdentity> identity) {
        this.decisions = decisions;
        this.digests = digests;
        this.triage = triage;
        this.identity = identity;
    }

    @PUT
    @Path("/{id}/calls/{identifier: .+}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decideOnCall", summary = "Decide on a call for a member",
            description = "Records a decision on a member-call pair: SHORTLISTED, DISMISSED (with a reasonCode: "
                    + "NOT_ELIGIBLE, NOT_RELEVANT, NO_CAPACITY, OTHER), CONTACTED, APPLYING or SUBMITTED, with a "
                    + "free note, who (the signed-in user) and when. Every decision is kept in the pair's history. "
                    + "Decisions move the member's later call matches (see matchCallsForMember), and a dismissed "
                    + "pair is not alerted again unless the call changes materially. Identifiers may hold slashes. "
                    + "For helpdesk staff.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DecisionRequest.class),
            examples = {@ExampleObject(name = "shortlist", value = "{\"status\": \"SHORTLISTED\", \"note\": \"Fits their drones\"}"),
                    @ExampleObject(name = "dismiss", value = "{\"status\": \"DISMISSED\", \"reasonCode\": \"NOT_RELEVANT\"}")}))
    @APIResponse(responseCode = "200", description = "The pair's state and history",
            content = @Content(schema = @Schema(implementation = DecisionDto.class),
                    examples = @ExampleObject(name = "decision", value = DECISION_EXAMPLE)))
    public DecisionDto decide(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
                              @Parameter(description = "The call's identifier", example = "HORIZON-CL5-2026-D3-01-01")
                              @PathParam("identifier") String identifier,
                              @NotNull(message = "a decision is required") @Valid DecisionRequest body) {
        return decisions.decide(id, identifier, body, Who.of(identity));
    }

    @GET
    @Path("/{id}/calls/{identifier: .+}/decision")
    @Operation(operationId = "getDecision", summary = "A member-call pair's decision and history",
            description = "Where the pair stands (NEW until staff decide) and every decision taken on it, oldest "
                    + "first; 404 when the pair was never alerted nor decided on. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "The pair's state and history",
            content = @Content(schema = @Schema(implementation = DecisionDto.class),
                    examples = @ExampleObject(name = "decision", value = DECISION_EXAMPLE)))
    public DecisionDto decision(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
                                @Parameter(description = "The call's identifier", example = "HORIZON-CL5-2026-D3-01-01")
                                @PathParam("identifier") String identifier) {
        return decisions.get(id, identifier);
    }

    @GET
    @Path("/{id}/pipeline")
    @Operation(operationId = "getPipeline", summary = "A member's pipeline",
            description = "The calls the member goes on with (shortlisted, contacted, applying, submitted), soonest "
                    + "next deadline first with the days left (calls with no deadline ahead last); as JSON, CSV or XLSX "
                    + "(by the format parameter or the Accept header). For helpdesk staff.")
    @Produces({MediaType.APPLICATION_JSON, Representation.TEXT_CSV, Representation.XLSX})
    @APIResponse(responseCode = "200", description = "One page of the pipeline; as CSV or XLSX (format, Accept) a row a call",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WorkflowPages.PipelinePage.class),
                    examples = @ExampleObject(name = "pipeline", value = """
                            {"items": [{"call": {"identifier": "HORIZON-CL5-2026-D3-01-01", "title": "Floating offshore wind",
                              "status": "OPEN", "deadlines": ["2026-12-09"], "nextDeadline": "2026-12-09",
                              "daysToDeadline": 12}, "status": "APPLYING", "decidedBy": "alice",
                              "decidedAt": "2026-11-27T09:12:00Z", "note": "Coordinator found"}],
                             "page": 0, "size": 20, "total": 1}""")),
                    @Content(mediaType = Representation.TEXT_CSV,
                            schema = @Schema(type = SchemaType.STRING, description = Representation.CSV_DESCRIPTION),
                            examples = @ExampleObject(name = "csv", value = "callIdentifier,title,programme,"
                                    + "callStatus,nextDeadline,daysToDeadline,deadlines,status,decidedBy,decidedAt,note,"
                                    + "url\r\nHORIZON-CL5-2026-D3-01-01,Floating offshore wind,Horizon Europe,OPEN,"
                                    + "2026-12-09,12,2026-12-09,APPLYING,alice,2026-11-27T09:12:00Z,Coordinator found,"
                                    + "https://ec.europa.eu/\r\n")),
                    @Content(mediaType = Representation.XLSX, schema = @Schema(type = SchemaType.STRING,
                            format = "binary", description = Representation.XLSX_DESCRIPTION))})
    public Response pipeline(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
                             @Valid @BeanParam PageRequest page, @BeanParam Representation representation) {
        Page<PipelineItem> pipeline = decisions.pipeline(id, page);
        return representation.respond(pipeline, () -> WorkflowSheets.pipeline(pipeline.items()));
    }

    @GET
    @Path("/{id}/digest")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.TEXT_HTML})
    @Operation(operationId = "getDigest", summary = "A member's daily digest",
            description = "The alerts raised for the member on a day (best first) and the coming deadlines (30 days) "
                    + "of the calls it goes on with: as JSON, or, by the Accept header, as plain text or HTML that "
                    + "staff can paste into an e-mail, in the member's language where the digest has words for it "
                    + "(en, fr, es; else English) or the one asked for. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "The digest",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DigestDto.class),
                    examples = @ExampleObject(name = "digest", value = """
                            {"member": {"id": 42, "name": "Blue Hull Robotics SAS"}, "date": "2026-11-27",
                             "alerts": [], "deadlines": []}""")),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
                            examples = @ExampleObject(name = "text", value = DIGEST_TEXT)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
                            examples = @ExampleObject(name = "html", value = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Funding calls for Blue Hull Robotics SAS</title></head><body><h1>Funding calls for Blue Hull Robotics SAS, 2026-11-27</h1><p>No new or changed calls for you.</p></body></html>"))})
    public Response digest(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
                           @Parameter(description = "The day (default: today, where deadlines are read)",
                                   example = "2026-11-27") @QueryParam("date") String date,
                           @Parameter(description = "The language of the text or HTML: en, fr or es (default: the "
                                   + "member's own where it is one of these, else en)", example = "fr")
                           @QueryParam("language") @jakarta.validation.constraints.Pattern(regexp = "en|fr|es",
                                   message = "must be en, fr or es") String language,
                           @Context Request request) {
        DigestDto digest = digests.digest(id, QueryLists.date("date", date));
        Variant chosen = request.selectVariant(Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
                MediaType.TEXT_PLAIN_TYPE, MediaType.TEXT_HTML_TYPE).build());
        MediaType type = chosen == null ? MediaType.APPLICATION_JSON_TYPE : chosen.getMediaType();
        if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
            return Response.ok(digests.render(digest, digests.languageFor(id, language), null).text(),
                    MediaType.TEXT_PLAIN + ";charset=UTF-8").build();
        }
        if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            return Response.ok(digests.render(digest, digests.languageFor(id, language), null).html(),
                    MediaType.TEXT_HTML + ";charset=UTF-8").build();
        }
        return Response.ok(digest, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @PUT
    @Path("/{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assignMember", summary = "Assign a member to a staff user",
            description = "Sets the staff user who looks after the member (the triage queue filters on it); "
                    + "replaces any earlier one. For helpdesk staff.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AssigneeDto.class),
            examples = @ExampleObject(name = "assign", value = "{\"assignee\": \"alice\"}")))
    @APIResponse(responseCode = "200", description = "The assignment",
            content = @Content(schema = @Schema(implementation = AssigneeDto.class),
                    examples = @ExampleObject(name = "assigned", value = "{\"memberId\": 42, \"assignee\": \"alice\", "
                            + "\"assignedBy\": \"bob\", \"assignedAt\": \"2026-11-27T09:12:00Z\"}")))
    public AssigneeDto assign(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
                              @NotNull(message = "an assignee is required") @Valid AssigneeDto body) {
        return triage.assign(id, body.assignee(), Who.of(identity));
    }

    @GET
    @Path("/{id}/assignee")
    @Operation(operationId = "getAssignee", summary = "Who looks after a member",
            description = "The staff user assigned to the member; 404 when none is. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "The assignment",
            content = @Content(schema = @Schema(implementation = AssigneeDto.class),
                    examples = @ExampleObject(name = "assigned", value = "{\"memberId\": 42, \"assignee\": \"alice\", "
                            + "\"assignedBy\": \"bob\", \"assignedAt\": \"2026-11-27T09:12:00Z\"}")))
    public AssigneeDto assignee(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id) {
        return triage.assignee(id);
    }

    @DELETE
    @Path("/{id}/assignee")
    @Operation(operationId = "unassignMember", summary = "Unassign a member",
            description = "No staff user looks after the member any more. For helpdesk staff.")
    @APIResponse(responseCode = "204", description = "The member has no assignee")
    public void unassign(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id) {
        triage.unassign(id);
    }
}
