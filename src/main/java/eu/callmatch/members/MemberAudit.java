package eu.callmatch.members;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to a member: who, when, which fields. Only the names of the fields, never their values, so that
 * the trail outlives an erased member without keeping any of its personal data.
 */
@Entity
@Table(name = "member_audit")
public class MemberAudit {

    public enum Action { CREATED, UPDATED, DELETED, EXPORTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public long memberId;
    @Enumerated(EnumType.STRING)
    public Action action;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> fields = new ArrayList<>();
    public String actor;
    public OffsetDateTime at;
}
