package eu.callmatch.members;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** One entry of a member's audit trail: the names of the fields changed, never their values. */
@Schema(name = "MemberAuditEntry", description = "Who did what to a member, when, and which fields changed (names only)")
public record MemberAuditDto(
        @Schema(example = "UPDATED") MemberAudit.Action action,
        @Schema(description = "The fields that changed (the contact person's as contact.name, contact.email, contact.phone)",
                example = "[\"description\", \"contact.email\"]") List<String> fields,
        @Schema(description = "The user (or token subject); system for imports and the service's own jobs", example = "claire")
        String actor,
        @Schema(example = "2026-03-02T09:12:00Z") OffsetDateTime at) {

    public static MemberAuditDto of(MemberAudit entry) {
        return new MemberAuditDto(entry.action, List.copyOf(entry.fields), entry.actor, entry.at);
    }

    /** The answer of the audit operation. */
    @Schema(name = "MemberAuditTrail")
    public record Trail(@Schema(example = "42") long memberId, List<MemberAuditDto> items) {
    }
}
