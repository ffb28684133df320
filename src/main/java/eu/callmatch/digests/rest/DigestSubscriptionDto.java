package eu.callmatch.digests.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.digests.DigestDelivery;
import eu.callmatch.digests.DigestSubscription;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The digest's API types: a member's subscription, how to set it, and one digest sent. */
final class DigestSubscriptionDto {

    private DigestSubscriptionDto() {
    }

    @Schema(name = "DigestSubscriptionRequest", description = "How often a member's digest goes out, to whom, in "
            + "which language")
    record Request(@Schema(description = "DAILY or WEEKLY (on callmatch.digest.weekly-day)", example = "WEEKLY")
                   @NotNull(message = "DAILY or WEEKLY is required") DigestSubscription.Rhythm rhythm,
                   @Schema(description = "To the member's contact person (default true)", example = "true")
                   Boolean toContact,
                   @Schema(description = "To the staff user assigned to the member (default false)", example = "true")
                   Boolean toAssignee,
                   @Schema(description = "en, fr or es; by default the member's language where it is one of these, else en", example = "fr")
                   @Pattern(regexp = "en|fr|es", message = "must be en, fr or es") String language) {
    }

    @Schema(name = "DigestSubscription", description = "A member's opt-in to the e-mail digest")
    record Subscription(@Schema(example = "42") long member,
                        @Schema(example = "WEEKLY") DigestSubscription.Rhythm rhythm,
                        @Schema(example = "true") boolean toContact,
                        @Schema(example = "true") boolean toAssignee,
                        @Schema(example = "fr") String language,
                        @Schema(description = "Who set it last: a staff user, or 'unsubscribe link'", example = "alice")
                        String updatedBy,
                        @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime updatedAt) {

        static Subscription of(DigestSubscription s) {
            return new Subscription(s.memberId, s.rhythm, s.toContact, s.toAssignee, s.language, s.updatedBy,
                    s.updatedAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DigestDelivery", description = "One digest to one recipient: what was sent to whom, when")
    record Delivery(@Schema(example = "311") long id,
                    @Schema(description = "The member whose digest it was; absent for a saved-search digest",
                            example = "42") Long member,
                    @Schema(description = "The staff user whose saved searches it reported; absent for a member's "
                            + "digest", example = "alice") String owner,
                    @Schema(description = "The edition's day, in callmatch.time-zone", example = "2026-11-30")
                    LocalDate edition,
                    @Schema(description = "CONTACT or ASSIGNEE (a member's digest), SAVED_SEARCHES (a staff user's)",
                            example = "CONTACT") DigestDelivery.Recipient recipientKind,
                    @Schema(description = "The address (personal data)", example = "claire.martin@example.com")
                    String recipient,
                    @Schema(description = "New and changed calls in it (a saved-search digest: its new hits)",
                            example = "3") int alerts,
                    @Schema(description = "Coming deadlines in it", example = "1") int deadlines,
                    @Schema(example = "2026-11-30T06:00:00Z") OffsetDateTime createdAt,
                    @Schema(description = "When the mail server took it; absent when it failed",
                            example = "2026-11-30T06:00:01Z") OffsetDateTime sentAt,
                    @Schema(description = "Why it was not sent") String failure) {

        static Delivery of(DigestDelivery d) {
            return new Delivery(d.id, d.memberId, d.owner, d.edition, d.recipientKind, d.recipient, d.alerts, d.deadlines,
                    d.createdAt, d.sentAt, d.failure);
        }
    }

    @Schema(name = "DigestDeliveryPage")
    record DeliveryPage(java.util.List<Delivery> items, int page, int size, long total) {
    }
}
