package eu.callmatch.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One import run as the API reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ImportRun", description = "One run of an import, manual or scheduled: what it did and what it rejected.")
public record ImportRunDto(
        @Schema(example = "17") long id,
        @Schema(description = "What the import writes: CALLS, ORGANISATIONS or MEMBERS", example = "CALLS") String kind,
        @Schema(description = "The file format", example = "ft-csv") String format,
        @Schema(description = "Where the data came from: a configured source's name, or the uploader's label",
                example = "ft-portal") String source,
        @Schema(description = "RUNNING, SUCCEEDED, PARTIAL (some records rejected) or FAILED", example = "PARTIAL")
        ImportRun.Status status,
        @Schema(example = "2026-11-27T02:00:00Z") OffsetDateTime startedAt,
        @Schema(example = "2026-11-27T02:00:04Z") OffsetDateTime finishedAt,
        @Schema(description = "When the file's data was true at its source: the asOf given, else the time the file "
                + "was fetched or sent (records that carry their own source date are as of that)",
                example = "2024-10-26T12:58:46.918Z") OffsetDateTime asOf,
        @Schema(description = "Records created", example = "12") int created,
        @Schema(description = "Records changed", example = "40") int updated,
        @Schema(description = "Records that were already as the file has them", example = "545") int unchanged,
        @Schema(description = "Records not applied because the service holds newer data for them (by the as-of "
                + "times)", example = "0") int stale,
        @Schema(description = "Records rejected", example = "1") int rejected,
        @Schema(description = "All problems found, of which the first " + 200 + " are in errors", example = "1")
        int errorTotal,
        @Schema(description = "The first problems, each with the line (or position) and the record") List<Error> errors,
        @Schema(description = "Counts of secondary records, e.g. a CORDIS bundle's projects and participations; "
                + "for an ft-csv file, merged: the rows folded into another row's record (identicalRows, "
                + "languageVersions, laterRowsOfTheSameRecord); for calls, once the run's alerts are raised (in the background, after the run), alerts: how many "
                + "were raised, for how many members, from how many new or changed calls; once the semantic vectors of "
                + "the calls the run created or changed are all computed, vectors: how many calls, and when (doneAt)",
                example = "{\"projects\": {\"created\": 120, \"unchanged\": 14200}}")
        Map<String, Map<String, Object>> details,
        @Schema(description = "Why the run failed, or a note on it",
                example = "line 1, column 1: the file has no header row") String message) {

    /** A rejected record: where it was, which one, and why. */
    @Schema(name = "ImportError")
    public record Error(@Schema(example = "214") Long line,
                        @Schema(description = "The record's id where known, else an excerpt", example = "HORIZON-CL5-2024-D3-01-01")
                        String record,
                        @Schema(example = "deadlines[0]: '31/12/2024' is not a date") String reason) {
    }

    public static ImportRunDto of(ImportRun r) {
        return new ImportRunDto(r.id, r.kind, r.format, r.source, r.status, r.startedAt, r.finishedAt, r.asOf,
                r.created, r.updated, r.unchanged, r.stale, r.rejected, r.errorTotal,
                r.errors.stream().map(e -> new Error(e.line(), e.record(), e.reason())).toList(),
                r.details, r.message);
    }
}
