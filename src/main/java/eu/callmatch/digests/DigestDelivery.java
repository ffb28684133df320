package eu.callmatch.digests;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One digest to one recipient: a member's (to its contact or its staff user) or a staff user's saved-search digest
 * (owner). Claimed before it is sent, so that no edition goes out twice.
 */
@Entity
@Table(name = "digest_delivery")
public class DigestDelivery {

    /** Who a digest goes to: a member's contact, its staff user, or the owner of saved searches. */
    public enum Recipient { CONTACT, ASSIGNEE, SAVED_SEARCHES }

    @Id
    public Long id;
    public Long memberId;
    /** The staff user whose saved searches' hits it holds; null for a member's digest. */
    public String owner;
    public LocalDate edition;
    @Enumerated(EnumType.STRING)
    public Recipient recipientKind;
    public String recipient;
    public int alerts;
    public int deadlines;
    public OffsetDateTime createdAt;
    public OffsetDateTime sentAt;
    public String failure;
}
