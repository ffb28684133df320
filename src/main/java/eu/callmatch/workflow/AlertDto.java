package eu.callmatch.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.calls.service.CallChange;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A match notification. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Alert", description = "A match notification: an import made a call new or changed that fits the "
        + "member (or that the member follows), with why it fits and what changed")
public record AlertDto(@Schema(example = "981") long id,
                       MemberRef member,
                       CallBrief call,
                       @Schema(description = "The call's score in the member's call matches; absent when the call is "
                               + "outside them and was raised because the member follows it", example = "0.83")
                       Double score,
                       @Schema(description = "Why it is news: NEW_CALL, DEADLINE_CHANGED, STATUS_OPENED, BUDGET_CHANGED",
                               example = "[\"DEADLINE_CHANGED\"]") List<CallChange.Kind> changes,
                       @Schema(description = "What changed, old and new", example = "[\"deadline 2026-09-01 -> 2026-09-15\"]")
                       List<String> changeNotes,
                       @Schema(description = "Why the call fits the member",
                               example = "[\"profile terms in the title: 'offshore', 'wind'\", \"deadline in 12 days (2026-09-15)\"]")
                       List<String> reasons,
                       @Schema(description = "The import run that raised it", example = "17") Long importRun,
                       @Schema(example = "2026-11-27T02:04:10Z") OffsetDateTime createdAt,
                       @Schema(description = "Where the member-call pair stands now: NEW until staff decide",
                               example = "NEW") PairStatus status) {
}
