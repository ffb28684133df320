package eu.callmatch.search.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.common.security.Roles;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.service.SearchIndexes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "The search indexes of this replica")
public class IndexAdminResource {

    private final SearchIndexes indexes;

    IndexAdminResource(SearchIndexes indexes) {
        this.indexes = indexes;
    }

    /** The state of this replica's search indexes. */
    @Schema(name = "IndexStatus")
    public record IndexStatus(
            @Schema(description = "Whether every index is usable (the readiness check)", example = "true") boolean ready,
            @Schema(description = "The last change of the database applied to the indexes", example = "48213")
            long appliedChangeId,
            @Schema(description = "When the indexes were last made durable", example = "2026-11-27T10:15:30Z")
            OffsetDateTime lastCommit,
            List<Index> indexes) {
    }

    @Schema(name = "IndexState")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Index(@Schema(example = "CALLS") IndexKind kind,
                        @Schema(description = "Documents in the index", example = "2306") int documents,
                        @Schema(description = "Segments (Lucene's parts of the index) that searches read",
                                example = "12") int segments,
                        @Schema(description = "Whether Lucene is merging segments in the background, as it does for a "
                                + "minute or so after a large import: searches and matches are slower meanwhile",
                                example = "false") boolean merging,
                        @Schema(description = "Whether a rebuild is running", example = "false") boolean rebuilding,
                        @Schema(description = "Records indexed by the running (or last) rebuild", example = "1200") long rebuildDone,
                        @Schema(description = "Records to index in the running (or last) rebuild", example = "2306") long rebuildTotal,
                        @Schema(example = "2026-11-27T10:15:00Z") OffsetDateTime rebuildStartedAt,
                        @Schema(example = "2026-11-27T10:15:04Z") OffsetDateTime rebuildFinishedAt,
                        @Schema(description = "Why the last rebuild failed") String rebuildError,
                        @Schema(description = "Documents that have their semantic vector (the calls index only)",
                                example = "2306") Integer vectors,
                        @Schema(description = "Documents whose semantic vector is still being computed, after an "
                                + "import, a rebuild or a start (the calls index only): meanwhile they are matched by "
                                + "their words and record", example = "0") Integer vectorsPending,
                        @Schema(description = "Semantic vectors made searchable per second, over the last minute "
                                + "(or since the backlog began); with vectorsPending, how long the backlog will last "
                                + "(the calls index only)", example = "65.4") Double vectorsPerSecond) {
    }

    @GET
    @Path("/index")
    @Operation(operationId = "getIndexStatus", summary = "Search index status",
            description = "Documents per index, the last durable commit, the last change applied, rebuild progress, "
                    + "segments and background merges, and the calls' semantic vectors: how many are done, how many "
                    + "pending, and how fast they come.")
    @APIResponse(responseCode = "200", description = "The indexes of this replica",
            content = @Content(schema = @Schema(implementation = IndexStatus.class)))
    public IndexStatus status() {
        var counts = indexes.documentCounts();
        var rebuilds = indexes.rebuildStates();
        List<Index> list = Arrays.stream(IndexKind.values()).map(kind -> {
            var r = rebuilds.get(kind);
            boolean vectors = kind == IndexKind.CALLS;
            // pending before done: a batch finishing in between is then counted twice, never missed
            Integer pending = vectors ? (int) indexes.pendingVectors() : null;
            var parts = indexes.segments(kind);
            return new Index(kind, counts.getOrDefault(kind, 0), parts.count(), parts.merging(),
                    r != null && r.running(), r == null ? 0 : r.done(), r == null ? 0 : r.total(),
                    r == null ? null : r.startedAt(), r == null ? null : r.finishedAt(), r == null ? null : r.error(),
                    vectors ? indexes.vectorCount(kind) : null, pending,
                    vectors ? Math.round(indexes.vectorsPerSecond() * 10) / 10.0 : null);
        }).toList();
        return new IndexStatus(indexes.isReady(), indexes.watermark(), indexes.lastCommit(), list);
    }

    @POST
    @Path("/reindex")
    @Operation(operationId = "reindex", summary = "Rebuild search indexes",
            description = "Rebuilds the named indexes (all by default) of this replica from the database into fresh "
                    + "directories, swapped in when complete: searches keep answering meanwhile. Follow the progress "
                    + "at GET /api/v1/admin/index.")
    @APIResponse(responseCode = "202", description = "The rebuild has started",
            content = @Content(schema = @Schema(implementation = IndexStatus.class)))
    @APIResponse(responseCode = "409", description = "A rebuild of one of them is already running")
    public Response reindex(@Parameter(description = "Indexes, comma-separated: CALLS, MEMBERS, ORGANISATIONS",
                                    schema = @Schema(type = SchemaType.STRING), example = "CALLS")
                            @QueryParam("kind") String kind) {
        List<IndexKind> kinds = kind == null || kind.isBlank() ? List.of(IndexKind.values())
                : QueryLists.enums("kind", kind, IndexKind.class);
        if (!indexes.startRebuild(kinds)) {
            throw ProblemException.conflict("A rebuild is already running; see GET /api/v1/admin/index");
        }
        return Response.accepted(status()).header("Location", "/api/v1/admin/index").build();
    }
}
