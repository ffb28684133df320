package eu.callmatch.workflow;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** One line of the decisions export: a judgement of a call for a member. */
@JsonPropertyOrder({"memberId", "memberName", "callIdentifier", "decision", "reasonCode", "decidedAt", "decidedBy", "note"})
@Schema(name = "Judgement", description = "A decision as a relevance judgement: member, call, decision, date")
public record JudgementDto(@Schema(example = "42") long memberId,
                           @Schema(example = "Blue Hull Robotics SAS") String memberName,
                           @Schema(example = "HORIZON-CL5-2024-D3-01-01") String callIdentifier,
                           @Schema(example = "SHORTLISTED") DecisionStatus decision,
                           @Schema(example = "NOT_RELEVANT") ReasonCode reasonCode,
                           @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime decidedAt,
                           @Schema(example = "alice") String decidedBy,
                           @Schema(example = "Fits their inspection drones") String note) {
}
