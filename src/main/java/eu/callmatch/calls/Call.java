package eu.callmatch.calls;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A funding opportunity of the EU Funding &amp; Tenders Portal, by its identifier: a topic's, a tender's, or for a
 * cascade-funding call its topic's with the call's number ({@code HORIZON-EIT-2023-25-KIC-EITMANUFACTURING-CASCADE-6042}).
 */
@Entity
@Table(name = "call")
public class Call {

    @Id
    public String identifier;
    public String callIdentifier;
    public String title;
    public String callTitle;
    public String programme;
    public String cluster;
    public String destination;
    public String actionType;
    @Enumerated(EnumType.STRING)
    public CallStatus sourceStatus;
    @Enumerated(EnumType.STRING)
    public CallStatus status;
    public LocalDate openingDate;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "date[]")
    public List<LocalDate> deadlines = new ArrayList<>();
    public String deadlineModel;
    public BigDecimal budgetMin;
    public BigDecimal budgetMax;
    public BigDecimal totalBudget;
    public Integer expectedGrants;
    public String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> keywords = new ArrayList<>();
    public String conditions;
    public String url;
    public String source;
    public OffsetDateTime sourceUpdatedAt;
    public LocalDate leftSourceOn;
    @Enumerated(EnumType.STRING)
    public CallKind kind;
    /** For a cascade-funding call: the topic that funds the project running it. */
    public String parentTopic;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<CallTranslation> translations = new ArrayList<>();
    /** When what the record holds was true at its source: an import older than this is not applied. */
    public OffsetDateTime asOf;
    public String contentHash;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    /** Recomputes {@link #status} for {@code today}; true when it changed. */
    public boolean refreshStatus(LocalDate today) {
        CallStatus derived = CallStatus.derive(sourceStatus, openingDate, deadlines, leftSourceOn, today);
        boolean changed = derived != status;
        status = derived;
        return changed;
    }
}
