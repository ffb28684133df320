package eu.callmatch.calls.rest;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.CallKind;
import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.changes.Outcome;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.SearchPage;
import eu.callmatch.common.security.Roles;
import eu.callmatch.common.spreadsheet.Representation;
import eu.callmatch.common.spreadsheet.Table;
import eu.callmatch.search.service.CallQuery;
import eu.callmatch.search.service.SearchService;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

@RolesAllowed({Roles.READER, Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls", description = "Funding calls (topics of the EU Funding & Tenders Portal)")
public class CallResource {

    private final CallService calls;
    private final SearchService search;

    CallResource(CallService calls, SearchService search) {
        this.calls = calls;
        this.search = search;
    }

    @GET
    @Operation(operationId = "listCalls", summary = "Search and list calls",
            description = "Calls matching the free text q (over title, keywords, call title, destination and "
                    + "description; quotes make a phrase, a leading - excludes a word; nothing else is syntax; a pasted "
                    + "identifier finds the call, and a topic's the cascade-funding calls under it) and the "
                    + "filters, with facet counts over all matches and a highlighted snippet per item. Without q, "
                    + "calls that can still be applied to come first, by deadline. Filter values are exact, as the "
                    + "facets show them. As JSON, or as CSV or XLSX (by the format parameter or the Accept header: "
                    + Representation.TEXT_CSV + ", " + Representation.XLSX + "), a row a call of the page, without "
                    + "facets and snippets.")
    @Produces({MediaType.APPLICATION_JSON, Representation.TEXT_CSV, Representation.XLSX})
    @APIResponse(responseCode = "200", description = "One page of calls",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallPage.class)),
                    @Content(mediaType = Representation.TEXT_CSV,
                            schema = @Schema(type = SchemaType.STRING, description = Representation.CSV_DESCRIPTION),
                            examples = @ExampleObject(name = "csv", value = "identifier,title,callIdentifier,"
                                    + "programme,cluster,actionType,status,openingDate,deadlines,budgetMin,budgetMax,"
                                    + "totalBudget,url\r\nHORIZON-CL5-2026-D3-01-01,Floating offshore wind,"
                                    + "HORIZON-CL5-2026-D3-01,Horizon Europe,CL5,HORIZON-RIA,OPEN,2026-05-07,2026-12-09,"
                                    + "3000000,5000000,15000000,https://ec.europa.eu/\r\n")),
                    @Content(mediaType = Representation.XLSX, schema = @Schema(type = SchemaType.STRING,
                            format = "binary", description = Representation.XLSX_DESCRIPTION))})
    public Response list(
            @Parameter(description = "Free text", example = "offshore wind \"floating platform\" -hydrogen")
            @QueryParam("q") @Size(max = 1000, message = "must be at most 1000 characters") String q,
            @Parameter(description = "Programmes, comma-separated", example = "Horizon Europe")
            @QueryParam("programme") String programme,
            @Parameter(description = "Statuses, comma-separated: OPEN, FORTHCOMING, CLOSED", example = "OPEN,FORTHCOMING")
            @QueryParam("status") String status,
            @Parameter(description = "Types of action, comma-separated", example = "HORIZON-RIA,HORIZON-IA")
            @QueryParam("actionType") String actionType,
            @Parameter(description = "Horizon Europe clusters, comma-separated", example = "CL5")
            @QueryParam("cluster") String cluster,
            @Parameter(description = "What the calls are, comma-separated: TOPIC, CASCADE_FUNDING (open calls run by "
                    + "EU-funded projects for third parties), TENDER", example = "CASCADE_FUNDING")
            @QueryParam("kind") String kind,
            @Parameter(description = "Only the cascade-funding calls published under these topics, comma-separated",
                    example = "HORIZON-EIT-2023-25-KIC-EITMANUFACTURING")
            @QueryParam("parentTopic") String parentTopic,
            @Parameter(description = "Only calls with a deadline on or after this date", example = "2026-01-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("deadlineFrom") String deadlineFromParam,
            @Parameter(description = "Only calls with a deadline on or before this date", example = "2026-12-31",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("deadlineTo") String deadlineToParam,
            @Parameter(description = "Only calls whose smallest EU contribution per project is at least this, EUR",
                    example = "1000000")
            @QueryParam("budgetMin") @PositiveOrZero(message = "must be 0 or more") Long budgetMin,
            @Parameter(description = "relevance (the default with q), deadline (the default without: open and "
                    + "forthcoming calls first, earliest deadline first) or openingDate (newest first)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"relevance", "deadline", "openingDate"}))
            @QueryParam("sort") String sort,
            @Parameter(description = "Only these properties of each call, comma-separated, as a list view asks for "
                    + "what it shows (the identifier and the title always come, and the snippet): a page without the "
                    + "long texts (description, conditions, translations) is about an eighth of the size, and quicker. "
                    + "Without it, whole calls. The CSV and XLSX rows keep their columns.",
                    example = "identifier,title,programme,actionType,status,deadlines,budgetMin,budgetMax,url")
            @QueryParam("fields") String fields,
            @Valid @BeanParam PageRequest page, @BeanParam Representation representation) {
        CallFields shown = CallFields.of(fields);
        LocalDate deadlineFrom = QueryLists.date("deadlineFrom", deadlineFromParam);
        LocalDate deadlineTo = QueryLists.date("deadlineTo", deadlineToParam);
        if (deadlineFrom != null && deadlineTo != null && deadlineTo.isBefore(deadlineFrom)) {
            throw ProblemException.invalid("query", "deadlineTo", "must not be before deadlineFrom");
        }
        CallQuery query = CallQuery.of(q)
                .programmes(QueryLists.split(programme))
                .statuses(QueryLists.enums("status", status, CallStatus.class).stream().map(Enum::name).toList())
                .actionTypes(QueryLists.split(actionType))
                .clusters(QueryLists.split(cluster))
                .kinds(QueryLists.enums("kind", kind, CallKind.class).stream().map(Enum::name).toList())
                .parentTopics(QueryLists.split(parentTopic))
                .deadlineBetween(deadlineFrom, deadlineTo)
                .budgetMinAtLeast(budgetMin)
                .sortedBy(sortOf(sort))
                .page(page.offset(), page.size);
        SearchService.Found found = search.calls(query);
        // a table's rows keep their columns, none of them a long text
        boolean table = representation.table();
        List<CallHit> items = found.items(calls.findAll(found.ids(), shown.longTexts() && !table),
                (call, snippet) -> new CallHit(table ? call : shown.of(call), snippet));
        return representation.respond(new SearchPage<>(items, page.page, page.size, found.total(), found.facets()),
                () -> sheet(items));
    }

    private static Table sheet(List<CallHit> hits) {
        return Table.of("Calls", hits.stream().map(CallHit::call).toList(),
                Table.column("identifier", CallDto::identifier),
                Table.column("title", CallDto::title),
                Table.column("callIdentifier", CallDto::callIdentifier),
                Table.column("programme", CallDto::programme),
                Table.column("cluster", CallDto::cluster),
                Table.column("actionType", CallDto::actionType),
                Table.column("status", CallDto::status),
                Table.column("openingDate", CallDto::openingDate),
                Table.column("deadlines", CallDto::deadlines),
                Table.column("budgetMin", CallDto::budgetMin),
                Table.column("budgetMax", CallDto::budgetMax),
                Table.column("totalBudget", CallDto::totalBudget),
                Table.column("url", CallDto::url));
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
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "putCall", summary = "Create or replace a call", description = "Creates the call (201) or replaces all its "
            + "fields (200). The identifier in the body, when given, must be the one in the path.")
    @APIResponse(responseCode = "200", description = "The call was replaced",
            content = @Content(schema = @Schema(implementation = CallDto.class)))
    @APIResponse(responseCode = "201", description = "The call was created",
            content = @Content(schema = @Schema(implementation = CallDto.class)))
    @APIResponse(responseCode = "409", description = "The body's asOf is before the stored call's: newer data wins",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
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
        if (result.outcome() == Outcome.STALE) {
            throw ProblemException.conflict("The call stored is as of " + result.call().asOf() + ", after the asOf "
                    + "given (" + call.asOf() + "): it was not replaced");
        }
        if (result.outcome() == Outcome.CREATED) {
            return Response.created(uri.getAbsolutePath()).entity(result.call()).build();
        }
        return Response.ok(result.call()).build();
    }

    @DELETE
    @Path("/{identifier: .+}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteCall", summary = "Delete a call", description = "Removes a call for good. A call that merely left its "
            + "source is not deleted by imports: it stays, closed.")
    @APIResponse(responseCode = "204", description = "The call was deleted")
    public void delete(@Parameter(description = "The topic identifier", example = "HORIZON-CL5-2024-D3-01-01")
                       @PathParam("identifier") String identifier) {
        calls.delete(identifier);
    }

    private static CallQuery.Sort sortOf(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        return switch (sort) {
            case "relevance" -> CallQuery.Sort.RELEVANCE;
            case "deadline" -> CallQuery.Sort.DEADLINE;
            case "openingDate" -> CallQuery.Sort.OPENING_DATE;
            default -> throw ProblemException.invalid("query", "sort", "must be relevance, deadline or openingDate");
        };
    }

    private static CallDto withIdentifier(CallDto b, String identifier) {
        return new CallDto(identifier, b.callIdentifier(), b.title(), b.callTitle(), b.programme(), b.cluster(),
                b.destination(), b.actionType(), b.status(), b.openingDate(), b.deadlines(), b.deadlineModel(),
                b.budgetMin(), b.budgetMax(), b.totalBudget(), b.expectedGrants(), b.description(), b.keywords(),
                b.conditions(), b.url(), b.source(), b.sourceUpdatedAt(), b.leftSourceOn(), b.createdAt(),
                b.updatedAt(), b.kind(), b.parentTopic(), b.translations(), b.asOf());
    }

    /** A call found, with where the query matched. */
    @Schema(name = "CallHit", description = "A call found: the call's fields, and a snippet where the query matched")
    public record CallHit(@JsonUnwrapped CallDto call,
                          @Schema(description = "Where the query matched, HTML-escaped, matches in <em>",
                                  example = "Novel <em>floating</em> <em>offshore</em> <em>wind</em> technologies")
                          String snippet) {
    }

    /** For the OpenAPI document: a page of calls found. */
    @Schema(name = "CallPage")
    public record CallPage(List<CallHit> items, int page, int size, long total,
                           @Schema(example = "{\"status\": {\"OPEN\": 120, \"FORTHCOMING\": 17}}")
                           Map<String, Map<String, Long>> facets) {
    }
}
