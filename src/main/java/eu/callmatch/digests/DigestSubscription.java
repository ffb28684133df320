package eu.callmatch.digests;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A member's opt-in to the e-mail digest: how often, to whom, in which language. */
@Entity
@Table(name = "digest_subscription")
public class DigestSubscription {

    public enum Rhythm { DAILY, WEEKLY }

    @Id
    public Long memberId;
    @Enumerated(EnumType.STRING)
    public Rhythm rhythm;
    public boolean toContact;
    public boolean toAssignee;
    public String language;
    public String updatedBy;
    public OffsetDateTime updatedAt;
}
