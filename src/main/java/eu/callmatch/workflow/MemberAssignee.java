package eu.callmatch.workflow;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The staff user who looks after a member. */
@Entity
@Table(name = "member_assignee")
public class MemberAssignee {

    @Id
    public Long memberId;
    public String assignee;
    public String assignedBy;
    public OffsetDateTime assignedAt;
}
