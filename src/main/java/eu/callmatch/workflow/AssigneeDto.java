package eu.callmatch.workflow;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** The staff user who looks after a member. */
@Schema(name = "Assignee", description = "The staff user who looks after a member")
public record AssigneeDto(@Schema(readOnly = true, example = "42") Long memberId,
                          @Schema(required = true, description = "The staff user's name", example = "alice")
                          @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters")
                          String assignee,
                          @Schema(readOnly = true, example = "bob") String assignedBy,
                          @Schema(readOnly = true, example = "2026-11-27T09:12:00Z") OffsetDateTime assignedAt) {
}
