package eu.callmatch.calls.rest;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.service.CallFilter;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.changes.Outcome;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls", description = "Funding calls (topics of the EU Funding & Tenders Portal)")
public class CallResource {

    private final CallService calls;

    CallResource(CallService calls) {
        this.calls = calls;
    }

    @GET
    @Operation(operationId = "listCalls", summary = "List calls", description = "Calls narrowed by the filters, ordered by the next deadline "
            + "ahead (or by opening date or identifier), one page at a time.")
    @APIResponse(responseCode = "200", description = "One page of calls",
            content = @Content(schema = @Schema(implementation = CallPage.class)))
    public Page<CallDto> list(
            @Parameter(description = "Programmes, comma-separated", example = "Horizon Europe")
            @QueryParam("programme") String programme,
            @Parameter(description = "Statuses, comma-separated: OPEN, FORTHCOMING, CLOSED", example = "OPEN,FORTHCOMING")
            @QueryParam("status") String status,
            @Parameter(description = "Types of action, comma-separated", example = "HORIZON-RIA,HORIZON-IA")
            @QueryParam("actionType") String actionType,
            @Parameter(description = "Only calls with a deadline on or after this date", example = "2026-01-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("deadlineFrom") String deadlineFromParam,
            @Parameter(description = "Only calls with a deadline on or before this date", example = "2026-12-31",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("deadlineTo") String deadlineToParam,
            @Parameter(description = "deadline (next deadline ahead first), openingDate or identifier",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"deadline", "openingDate", "identifier"},
                            defaultValue = "deadline"))
            @QueryParam("sort") @DefaultValue("deadline") String sort,
            @Valid @BeanParam PageRequest page) {
        LocalDate deadlineFrom = QueryLists.date("deadlineFrom", deadlineFromParam);
        LocalDate deadlineTo = QueryLists.date("deadlineTo", deadlineToParam);
        if (deadlineFrom != null && deadlineTo != null && deadlineTo.isBefore(deadlineFrom)) {
            throw ProblemException.invalid("query", "deadlineTo", "must not be before deadlineFrom");
        }
        CallFilter filter = new CallFilter(QueryLists.split(programme),
                QueryLists.enums("status", status, CallStatus.class), QueryLists.split(actionType),
                deadlineFrom, deadlineTo);
        return calls.list(filter, sortOf(sort), page);
    }

    @GET
    @Path("/{identifier: .+}")
    @Operation(operationId = "getCall", summary = "Get a call", description = "One call by its topic identifier.")
    @APIResponse(responseCode = "200", description = "The call",
            content = @Content(schema = @Schema(implementation = CallDto.class)))
    public CallDto get(@Parameter(description = "The topic identifier", example = "HORIZON-CL5-2024-D3-01-01")
                       @PathParam("identifier") String identifier) {
        return calls.get(identifier);
    }

    @PUT
    @Path("/{identifier: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putCall", summary = "Create or replace a call", description = "Creates the call (201) or replaces all its "
            + "fields (200). The identifier in the body, when given, must be the one in the path.")
    @APIResponse(responseCode = "200", description = "The call was replaced",
            content = @Content(schema = @Schema(implementation = CallDto.class)))
    @APIResponse(responseCode = "201", description = "The call was created",
            content = @Content(schema = @Schema(implementation = CallDto.class)))
    public Response put(@Parameter(description = "The topic identifier", example = "HORIZON-CL5-2024-D3-01-01")
                        @PathParam("identifier") String identifier,
                        @NotNull(message = "a call is required") @Valid CallDto body, UriInfo uri) {
        if (body.identifier() != null && !body.identifier().equals(identifier)) {
            throw ProblemException.invalid("body", "identifier", "must be the identifier in the path, '" + identifier + "'");
        }
        CallDto call = body.identifier() != null ? body : withIdentifier(body, identifier);
        if (!identifier.matches(CallDto.IDENTIFIER_PATTERN) || identifier.length() > 200) {
            throw ProblemException.invalid("path", "identifier", CallDto.IDENTIFIER_MESSAGE + ", at most 200 characters");
        }
        CallService.Upsert result = calls.upsert(call);
        if (result.outcome() == Outcome.CREATED) {
            return Response.created(uri.getAbsolutePath()).entity(result.call()).build();
        }
        return Response.ok(result.call()).build();
    }

    @DELETE
    @Path("/{identifier: .+}")
    @Operation(operationId = "deleteCall", summary = "Delete a call", description = "Removes a call for good. A call that merely left its "
            + "source is not deleted by imports: it stays, closed.")
    @APIResponse(responseCode = "204", description = "The call was deleted")
    public void delete(@Parameter(description = "The topic identifier", example = "HORIZON-CL5-2024-D3-01-01")
                       @PathParam("identifier") String identifier) {
        calls.delete(identifier);
    }

    private static CallService.Sort sortOf(String sort) {
        return switch (sort) {
            case "deadline" -> CallService.Sort.DEADLINE;
            case "openingDate" -> CallService.Sort.OPENING_DATE;
            case "identifier" -> CallService.Sort.IDENTIFIER;
            default -> throw ProblemException.invalid("query", "sort", "must be deadline, openingDate or identifier");
        };
    }

    private static CallDto withIdentifier(CallDto b, String identifier) {
        return new CallDto(identifier, b.callIdentifier(), b.title(), b.callTitle(), b.programme(), b.cluster(),
                b.destination(), b.actionType(), b.status(), b.openingDate(), b.deadlines(), b.deadlineModel(),
                b.budgetMin(), b.budgetMax(), b.totalBudget(), b.expectedGrants(), b.description(), b.keywords(),
                b.conditions(), b.url(), b.source(), b.sourceUpdatedAt(), b.leftSourceOn(), b.createdAt(),
                b.updatedAt());
    }

    /** For the OpenAPI document: a page of calls. */
    @Schema(name = "CallPage")
    public record CallPage(java.util.List<CallDto> items, int page, int size, long total) {
    }
}
