package eu.callmatch.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A member-call pair's present decision and its history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Decision", description = "Where a member-call pair stands, and every decision taken on it, oldest first")
public record DecisionDto(MemberRef member,
                          CallBrief call,
                          @Schema(example = "SHORTLISTED") PairStatus status,
                          @Schema(example = "NOT_RELEVANT") ReasonCode reasonCode,
                          @Schema(example = "Fits their inspection drones") String note,
                          @Schema(description = "Who decided (the signed-in user, or anonymous)", example = "alice")
                          String decidedBy,
                          @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime decidedAt,
                          @Schema(description = "Every decision on the pair, oldest first") List<Entry> history) {

    /** One decision of the history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DecisionEntry")
    public record Entry(@Schema(example = "SHORTLISTED") DecisionStatus status,
                        @Schema(example = "NOT_RELEVANT") ReasonCode reasonCode,
                        @Schema(example = "Fits their inspection drones") String note,
                        @Schema(example = "alice") String decidedBy,
                        @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime decidedAt) {
    }
}
