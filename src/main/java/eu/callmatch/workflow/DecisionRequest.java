package eu.callmatch.workflow;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A decision on a member-call pair. */
@Schema(name = "DecisionRequest", description = "A decision on a call for a member; DISMISSED needs a reason code, "
        + "the others take none")
public record DecisionRequest(
        @Schema(required = true, example = "DISMISSED") @NotNull(message = "a status is required") DecisionStatus status,
        @Schema(description = "Why it was dismissed (DISMISSED only)", example = "NO_CAPACITY") ReasonCode reasonCode,
        @Schema(description = "A free note", example = "Their R&D team is busy with the LIFE project until June")
        @Size(max = 4000, message = "must be at most 4000 characters") String note) {
}
