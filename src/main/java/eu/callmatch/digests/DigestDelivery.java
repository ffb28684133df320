package eu.callmatch.digests;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One digest to one recipient: claimed before it is sent, so that no edition goes out twice. */
@Entity
@Table(name = "digest_delivery")
public class DigestDelivery {

    /** Who a digest goes to. */
    public enum Recipient { CONTACT, ASSIGNEE }

    @Id
    public Long id;
    public Long memberId;
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
