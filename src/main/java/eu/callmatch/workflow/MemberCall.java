package eu.callmatch.workflow;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A member-call pair that was alerted or decided on: its present state, its place in the triage queue. */
@Entity
@Table(name = "member_call")
public class MemberCall {

    @Embeddable
    public static class Key implements Serializable {
        public long memberId;
        public String callIdentifier;

        public Key() {
        }

        public Key(long memberId, String callIdentifier) {
            this.memberId = memberId;
            this.callIdentifier = callIdentifier;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.memberId == memberId && k.callIdentifier.equals(callIdentifier);
        }

        @Override
        public int hashCode() {
            return Objects.hash(memberId, callIdentifier);
        }
    }

    @EmbeddedId
    public Key id;
    @Enumerated(EnumType.STRING)
    public PairStatus status;
    @Enumerated(EnumType.STRING)
    public ReasonCode reasonCode;
    public Double lastScore;
    public OffsetDateTime lastAlertAt;
    public OffsetDateTime decidedAt;
    public String decidedBy;
}
