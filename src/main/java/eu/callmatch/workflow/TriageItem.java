package eu.callmatch.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** One item of the triage queue: a member-call pair, or a call a staff user's saved search found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TriageItem", description = "An item of the triage queue: a member-call pair (kind MEMBER_CALL), or a "
        + "call that a staff user's saved search found (kind SAVED_SEARCH_HIT, with savedSearch and no member)")
public record TriageItem(@Schema(example = "MEMBER_CALL") Kind kind,
                         @Schema(description = "The member, for a member-call pair") MemberRef member,
                         @Schema(description = "The saved search that found the call, for a hit")
                         SavedSearchRef savedSearch,
                         @Schema(description = "The staff user who looks after the member, or who owns the saved "
                                 + "search", example = "alice")
                         String assignee,
                         CallBrief call,
                         @Schema(description = "A hit is NEW, SHORTLISTED or DISMISSED", example = "NEW")
                         PairStatus status,
                         @Schema(example = "NO_CAPACITY") ReasonCode reasonCode,
                         @Schema(description = "The call's score in the member's matches at its last alert",
                                 example = "0.83") Double lastScore,
                         @Schema(description = "When the call was last alerted to the member, or found by the search",
                                 example = "2026-11-27T02:04:10Z") OffsetDateTime lastAlertAt,
                         @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime decidedAt) {

    /** What an item is. */
    public enum Kind { MEMBER_CALL, SAVED_SEARCH_HIT }

    /** A saved search, by id and name. */
    @Schema(name = "SavedSearchRef", description = "A saved search, by id and name")
    public record SavedSearchRef(@Schema(example = "5") long id,
                                 @Schema(example = "Offshore wind, open") String name) {
    }
}
