package eu.callmatch.imports.rest;

import eu.callmatch.imports.ImportRunDto;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.security.Roles;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.imports.scheduling.ScheduledImports;
import eu.callmatch.imports.service.ImportRunService;
import eu.callmatch.imports.service.ImportService;
import eu.callmatch.imports.service.ImportVectors;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Imports: the body is the file (or a multipart form with a {@code file} part). By default the request answers
 * when the import has finished, and for calls when they are searchable in meaning too (their semantic vectors
 * computed, at most {@code callmatch.import.vector-wait}): rankings do not wait for vectors, and a caller that
 * imports and then matches would otherwise get rankings without them; with {@code async=true} it answers 202 at once.
 */
@RolesAllowed({Roles.IMPORTER, Roles.ADMIN})
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Funding calls, the CORDIS partner pool and members from files, with a history of runs")
public class ImportResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ImportResource.class);

    private static final String BODY_TYPES = "application/x-ndjson, text/csv, application/json, application/zip, "
            + "application/octet-stream, text/plain";
    private static final String AS_OF = "When the file's data was true at its source, an ISO 8601 instant (e.g. "
            + "the export time of a portal export). Newer wins: a record older than the one stored is not applied "
            + "and is counted as stale. Without it, a record's own date at the source where the format carries one "
            + "(callmatch-jsonl's asOf or sourceUpdatedAt, a sedia-search result's esDA_IngestDate), else the time "
            + "of the request. CORDIS imports compare organisations, members imports members by it (a member edited "
            + "in the API is as of the edit).";
    private static final String SOURCE_PATTERN = "[A-Za-z0-9._-]{1,60}";
    private static final String TOO_LARGE = "The file is larger than callmatch.import.max-body-size (512M by default): "
            + "nothing of it is imported";
    private static final String TOO_LARGE_DETAIL = "{\"type\": \"about:blank\", \"title\": \"Content Too Large\", "
            + "\"status\": 413, \"detail\": \"The request body has 734003200 bytes; this endpoint takes at most 536870912 "
            + "(callmatch.import.max-body-size)\", \"instance\": \"/api/v1/imports/";
    private static final String TOO_LARGE_EXAMPLE = TOO_LARGE_DETAIL + "calls\"}";
    private static final String MEMBERS_TOO_LARGE_EXAMPLE = TOO_LARGE_DETAIL + "members\"}";

    private final ImportService imports;
    private final ImportRunService runs;
    private final ScheduledImports scheduled;
    private final ImportVectors vectors;
    private final long maxBytes;
    private final java.time.Duration vectorWait;

    ImportResource(ImportService imports, ImportRunService runs, ScheduledImports scheduled, ImportVectors vectors,
                   CallmatchConfig config) {
        this.imports = imports;
        this.runs = runs;
        this.scheduled = scheduled;
        this.vectors = vectors;
        this.maxBytes = config.imports().maxBodySize().asLongValue();
        this.vectorWait = config.imports().vectorWait();
    }

    @POST
    @Path("/calls")
    @Consumes({"application/x-ndjson", "application/jsonl", "text/csv", "application/json", "application/zip",
            "application/octet-stream", "text/plain"})
    @Operation(operationId = "importCalls", summary = "Import calls from a file",
            description = "Upserts calls by identifier from a file in one of the call formats: callmatch-jsonl (the "
                    + "API's Call JSON, one a line), ft-csv (the portal's CSV exports), sedia-search (the portal's "
                    + "search API response) or sedia-topic (its topic-details document). A record that did not change "
                    + "is counted unchanged and not rewritten; a bad record is rejected with its line and the rest "
                    + "imported (PARTIAL). With complete=true the file is a complete snapshot of the source: calls "
                    + "of that source it no longer lists are closed and dated, never deleted. Without async=true it "
                    + "answers when the calls are searchable, in meaning too (their semantic vectors computed; at "
                    + "most callmatch.import.vector-wait, 5 minutes by default), so that the matches that follow see them whole.")
    @RequestBody(description = "The file itself (or, with multipart/form-data, a part named file)", required = true,
            content = {
                    // its example is set by ApiDocumentFilter: annotation examples are parsed as JSON
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                            example = "identifier,title,start_date,deadline\nHORIZON-CL5-2026-D3-01-01,Floating offshore wind,2026-05-06T00:00:00,2026-09-02T17:00:00"),
                    @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT),
                            example = "{\"results\": []}"),
                    @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = FileForm.class))})
    @APIResponse(responseCode = "200", description = "The import has finished: the run",
            headers = @Header(name = "Location", description = "The run's address", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ImportRunDto.class)))
    @APIResponse(responseCode = "202", description = "With async=true: the import has started",
            headers = @Header(name = "Location", description = "Where to follow the run", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ImportRunDto.class)))
    @APIResponse(responseCode = "413", description = TOO_LARGE,
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem"),
                    examples = @ExampleObject(name = "tooLarge", value = TOO_LARGE_EXAMPLE)))
    public Response importCalls(
            @Parameter(description = "The file's format", required = true,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"callmatch-jsonl", "ft-csv", "sedia-search", "sedia-topic"}))
            @QueryParam("format") String format,
            @Parameter(description = "A name for where the data came from (default: the format)", example = "ft-portal")
            @QueryParam("source") @Pattern(regexp = SOURCE_PATTERN, message = "must be 1 to 60 letters, digits, '.', '_' or '-'") String source,
            @Parameter(description = "The file is a complete snapshot of the source", example = "false")
            @QueryParam("complete") @DefaultValue("false") boolean complete,
            @Parameter(description = AS_OF, example = "2024-10-26T12:58:46.918Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("asOf") String asOf,
            @Parameter(description = "Answer 202 at once instead of when the import has finished", example = "false")
            @QueryParam("async") @DefaultValue("false") boolean async,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body, UriInfo uri) throws IOException {
        ImportFormat importFormat = callFormat(format);
        checkMediaType(importFormat, contentType);
        return submit(importFormat, asOf(asOf), imports.spool(body, maxBytes), source, complete, async, uri);
    }

    @POST
    @Path("/calls")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response importCallsForm(@QueryParam("format") String format,
                                    @QueryParam("source") @Pattern(regexp = SOURCE_PATTERN) String source,
                                    @QueryParam("complete") @DefaultValue("false") boolean complete,
                                    @QueryParam("asOf") String asOf,
                                    @QueryParam("async") @DefaultValue("false") boolean async,
                                    @RestForm("file") FileUpload file, UriInfo uri) throws IOException {
        return submit(callFormat(format), asOf(asOf), spool(file), source, complete, async, uri);
    }

    @POST
    @Path("/cordis")
    @Consumes({"application/zip", "application/x-zip-compressed", "text/csv", "application/octet-stream", "text/plain"})
    @Operation(operationId = "importCordis", summary = "Import the CORDIS partner pool",
            description = "Upserts organisations (by PIC), their projects and participations from a CORDIS projects "
                    + "bundle as CORDIS ships it (a zip with organization.csv, project.csv, topics.csv and "
                    + "euroSciVoc.csv; H2020 and Horizon Europe alike), or from one of those CSV files alone. An "
                    + "organisation whose data and participations did not change is counted unchanged. A zip whose "
                    + "files inflate beyond callmatch.import.max-inflated-entry-size (512M each) or "
                    + "max-inflated-size (1G together) is refused with a 413 and nothing of it is imported.")
    @RequestBody(description = "The zip (or one CSV of it; or, with multipart/form-data, a part named file)", required = true,
            content = {
                    @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                            example = "projectID;projectAcronym;organisationID;name;shortName;SME;activityType;country;role;ecContribution\n101076633;OVERHEAT;999993274;EXAMPLE LAB;EXL;false;REC;EL;participant;412500"),
                    @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = FileForm.class))})
    @APIResponse(responseCode = "200", description = "The import has finished: the run",
            headers = @Header(name = "Location", description = "The run's address", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ImportRunDto.class)))
    @APIResponse(responseCode = "202", description = "With async=true: the import has started",
            headers = @Header(name = "Location", description = "Where to follow the run", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ImportRunDto.class)))
    @APIResponse(responseCode = "413", description = "The file is larger than callmatch.import.max-body-size "
            + "(512M by default), or the zip's files inflate beyond callmatch.import.max-inflated-entry-size or "
            + "max-inflated-size: nothing of it is imported, and the run is FAILED with the reason. With async=true "
            + "the inflated size is found after the 202: the run says it.",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem"),
                    examples = @ExampleObject(name = "inflatesTooMuch", value = "{\"type\": \"about:blank\", "
                            + "\"title\": \"Content Too Large\", \"status\": 413, \"detail\": \"The zip's organization.csv "
                            + "inflates to 1,073,741,824 bytes; a file of the bundle may inflate to at most 536,870,912 "
                            + "bytes (callmatch.import.max-inflated-entry-size) (import run 42; nothing of it was "
                            + "imported)\", \"instance\": \"/api/v1/imports/cordis\"}")))
    public Response importCordis(
            @Parameter(description = "A name for where the data came from (default: cordis)", example = "cordis-horizon-europe")
            @QueryParam("source") @Pattern(regexp = SOURCE_PATTERN, message = "must be 1 to 60 letters, digits, '.', '_' or '-'") String source,
            @Parameter(description = AS_OF, example = "2024-10-26T12:58:46.918Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("asOf") String asOf,
            @Parameter(description = "Answer 202 at once instead of when the import has finished", example = "false")
            @QueryParam("async") @DefaultValue("false") boolean async,
            InputStream body, UriInfo uri) throws IOException {
        return submit(ImportFormat.CORDIS, asOf(asOf), imports.spool(body, maxBytes), source, false, async, uri);
    }

    @POST
    @Path("/cordis")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response importCordisForm(@QueryParam("source") @Pattern(regexp = SOURCE_PATTERN) String source,
                                     @QueryParam("asOf") String asOf,
                                     @QueryParam("async") @DefaultValue("false") boolean async,
                                     @RestForm("file") FileUpload file, UriInfo uri) throws IOException {
        return submit(ImportFormat.CORDIS, asOf(asOf), spool(file), source, false, async, uri);
    }

    @POST
    @Path("/members")
    @Consumes({"text/csv", "application/octet-stream", "text/plain"})
    @Operation(operationId = "importMembers", summary = "Import members",
            description = "Upserts members from a members-csv file (header: externalId, name, pic, country, region, "
                    + "organisationType, description, keywords, sectors, programmes, contactName, contactEmail, "
                    + "contactPhone, language; lists separated by ';'; language en, fr, es, ca, de or it, detected when "
                    + "absent), by external id, else by name and country.")
    @RequestBody(description = "The CSV file (or, with multipart/form-data, a part named file)", required = true,
            content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                            example = "externalId,name,country,organisationType,keywords\ncrm-1,Blue Hull Robotics SAS,FR,SME,underwater robotics;ports"),
                    @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = FileForm.class))})
    @APIResponse(responseCode = "200", description = "The import has finished: the run",
            headers = @Header(name = "Location", description = "The run's address", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ImportRunDto.class)))
    @APIResponse(responseCode = "202", description = "With async=true: the import has started",
            headers = @Header(name = "Location", description = "Where to follow the run", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ImportRunDto.class)))
    @APIResponse(responseCode = "413", description = TOO_LARGE,
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem"),
                    examples = @ExampleObject(name = "tooLarge", value = MEMBERS_TOO_LARGE_EXAMPLE)))
    public Response importMembers(
            @Parameter(description = "A name for where the data came from (default: members-csv)", example = "crm-export")
            @QueryParam("source") @Pattern(regexp = SOURCE_PATTERN, message = "must be 1 to 60 letters, digits, '.', '_' or '-'") String source,
            @Parameter(description = AS_OF, example = "2024-10-26T12:58:46.918Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("asOf") String asOf,
            @Parameter(description = "Answer 202 at once instead of when the import has finished", example = "false")
            @QueryParam("async") @DefaultValue("false") boolean async,
            InputStream body, UriInfo uri) throws IOException {
        return submit(ImportFormat.MEMBERS_CSV, asOf(asOf), imports.spool(body, maxBytes), source, false, async, uri);
    }

    @POST
    @Path("/members")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response importMembersForm(@QueryParam("source") @Pattern(regexp = SOURCE_PATTERN) String source,
                                      @QueryParam("asOf") String asOf,
                                      @QueryParam("async") @DefaultValue("false") boolean async,
                                      @RestForm("file") FileUpload file, UriInfo uri) throws IOException {
        return submit(ImportFormat.MEMBERS_CSV, asOf(asOf), spool(file), source, false, async, uri);
    }

    @POST
    @Path("/run-now")
    @Operation(operationId = "runImportNow", summary = "Run a configured source now",
            description = "Runs the nightly import of one configured source (callmatch.import.sources.<name>) at "
                    + "once, e.g. from a Kubernetes CronJob or by an operator, and answers when it has finished. A "
                    + "source that is down gives a FAILED run and changes nothing. Only one replica runs a source at "
                    + "a time: while another runs it, the answer is 409.")
    @APIResponse(responseCode = "200", description = "The run (FAILED when the source was unavailable)",
            content = @Content(schema = @Schema(implementation = ImportRunDto.class)))
    @APIResponse(responseCode = "409", description = "The source is disabled, or another replica is running it")
    public Response runNow(@Parameter(description = "The source's name", required = true, example = "ft-portal")
                           @QueryParam("source") @Pattern(regexp = SOURCE_PATTERN, message = "must be a configured source's name")
                           String source, UriInfo uri) {
        if (source == null) {
            throw ProblemException.invalid("query", "source", "is required: the name of a configured source");
        }
        ImportRunDto run = scheduled.run(source).orElseThrow(() -> ProblemException.conflict(
                "The import of '" + source + "' is running on another replica; try again when it has finished"));
        return Response.ok(run).location(uri.getBaseUriBuilder().path("api/v1/imports/{id}").build(run.id())).build();
    }

    @GET
    @RolesAllowed({Roles.IMPORTER, Roles.STAFF, Roles.ADMIN})
    @Operation(operationId = "listImports", summary = "List import runs", description = "The history of import runs, newest first.")
    @APIResponse(responseCode = "200", description = "One page of runs",
            content = @Content(schema = @Schema(implementation = ImportRunPage.class)))
    public Page<ImportRunDto> list(@Valid @BeanParam PageRequest page) {
        return runs.list(page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.IMPORTER, Roles.STAFF, Roles.ADMIN})
    @Operation(operationId = "getImport", summary = "Get an import run", description = "One run, while it runs and after.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = ImportRunDto.class)))
    public ImportRunDto get(@Parameter(description = "The run's id", example = "17") @PathParam("id") long id) {
        return runs.get(id);
    }

    /** The asOf parameter, read before the body is spooled: a bad one refuses the request at once. */
    private static OffsetDateTime asOf(String asOf) {
        try {
            return asOf == null || asOf.isBlank() ? null : Instant.parse(asOf.strip()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("query", "asOf", "'" + asOf + "' is not an ISO 8601 instant, e.g. "
                    + "2024-10-26T12:58:46.918Z");
        }
    }

    /** @param asOf when the file's data was true at its source, if the caller says */
    private Response submit(ImportFormat format, OffsetDateTime asOf, java.nio.file.Path file, String source,
                            boolean complete, boolean async, UriInfo uri) {
        var request = new ImportService.Request(format, file, source == null ? format.id() : source, complete,
                asOf, OffsetDateTime.now(ZoneOffset.UTC));
        if (async) {
            ImportRunDto run = imports.start(request);
            return Response.accepted(run).location(uri.getBaseUriBuilder().path("api/v1/imports/{id}").build(run.id())).build();
        }
        ImportRunDto run = imports.run(request);
        if (format.kind() == ImportFormat.Kind.CALLS && !vectorWait.isZero()) {
            // its own calls only: a backlog left by other imports does not hold up the answer
            try {
                vectors.whenDone(run.id()).get(vectorWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                run = runs.get(run.id());
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.infof("Import run %d answers before its calls' semantic vectors are computed", run.id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Response.ok(run).location(uri.getBaseUriBuilder().path("api/v1/imports/{id}").build(run.id())).build();
    }

    private java.nio.file.Path spool(FileUpload file) throws IOException {
        if (file == null) {
            throw ProblemException.invalid("body", "file", "a multipart upload needs a part named file");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return imports.spool(in, maxBytes);
        }
    }

    private static ImportFormat callFormat(String format) {
        if (format == null || format.isBlank()) {
            throw ProblemException.invalid("query", "format", "is required: callmatch-jsonl, ft-csv, sedia-search or sedia-topic");
        }
        return ImportFormat.byId(format).filter(f -> f.kind() == ImportFormat.Kind.CALLS)
                .orElseThrow(() -> ProblemException.invalid("query", "format",
                        "'" + format + "' is not one of callmatch-jsonl, ft-csv, sedia-search, sedia-topic"));
    }

    /** A declared media type that contradicts the declared format is a 415; generic ones are let through. */
    private static void checkMediaType(ImportFormat format, String contentType) {
        if (contentType == null) {
            return;
        }
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/octet-stream") && !type.equals("text/plain") && !format.mediaTypes().contains(type)) {
            throw new ProblemException(415, "A " + format.id() + " file is sent as " + String.join(" or ", format.mediaTypes())
                    + " (or application/octet-stream), not " + type);
        }
    }

    /** For the OpenAPI document: a multipart upload. */
    @Schema(name = "FileForm")
    public record FileForm(@Schema(type = SchemaType.STRING, format = "binary", description = "The file") String file) {
    }

    /** For the OpenAPI document: a page of runs. */
    @Schema(name = "ImportRunPage")
    public record ImportRunPage(List<ImportRunDto> items, int page, int size, long total) {
    }
}
