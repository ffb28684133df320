package eu.callmatch.workflow.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.ReasonCode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** One member-call pair of the triage queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TriageItem", description = "A member-call pair in the triage queue")
public record TriageItem(MemberRef member,
                         @Schema(description = "The staff user who looks after the member", example = "alice")
                         String assignee,
                         CallBrief call,
                         @Schema(example = "NEW") PairStatus status,
                         @Schema(example = "NO_CAPACITY") ReasonCode reasonCode,
                         @Schema(description = "The call's score in the member's matches at its last alert",
                                 example = "0.83") Double lastScore,
                         @Schema(example = "2026-11-27T02:04:10Z") OffsetDateTime lastAlertAt,
                         @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime decidedAt) {
}
