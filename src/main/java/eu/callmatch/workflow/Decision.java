package eu.callmatch.workflow;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One decision staff took on a member-call pair; the pair's history is every decision, never rewritten. */
@Entity
@Table(name = "call_decision")
public class Decision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public long memberId;
    public String callIdentifier;
    @Enumerated(EnumType.STRING)
    public DecisionStatus status;
    @Enumerated(EnumType.STRING)
    public ReasonCode reasonCode;
    public String note;
    public String decidedBy;
    public OffsetDateTime decidedAt;
}
