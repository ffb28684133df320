package eu.callmatch.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A call a member goes on with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PipelineItem", description = "A call the member goes on with (shortlisted, contacted, applying or "
        + "submitted), with the days left to its next deadline")
public record PipelineItem(CallBrief call,
                           @Schema(example = "APPLYING") PairStatus status,
                           @Schema(example = "alice") String decidedBy,
                           @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime decidedAt,
                           @Schema(description = "The last decision's note", example = "Coordinator found: TU Delft")
                           String note) {
}
