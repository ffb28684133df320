package eu.callmatch.organisations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** An EU-funded project (CORDIS), which organisations took part in. */
@Entity
@Table(name = "project")
public class Project {

    @Id
    public String id;
    public String acronym;
    public String title;
    public String objective;
    /** The funding topic's identifier, e.g. HORIZON-CL5-2022-D6-01-08. */
    public String topic;
    public String topicTitle;
    public String framework;
    public LocalDate startDate;
    public LocalDate endDate;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> scienceFields = new ArrayList<>();
    public String contentHash;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
}
