package eu.callmatch.members;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import eu.callmatch.common.text.ProfileLanguage;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** An organisation of the cluster, served by the helpdesk. Its contact fields are personal data. */
@Entity
@Table(name = "member")
public class Member {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String externalId;
    public String name;
    public String pic;
    public String country;
    public String region;
    @Enumerated(EnumType.STRING)
    public OrganisationType organisationType;
    public String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> keywords = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> sectors = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> programmes = new ArrayList<>();
    /** ISO 639-1, one of {@code Languages.SUPPORTED}; null when detected as none of them. */
    public String language;
    @Enumerated(EnumType.STRING)
    public ProfileLanguage.Source languageSource;
    public String contactName;
    public String contactEmail;
    public String contactPhone;
    public String contentHash;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
    /** When what the record holds was true at its source (an import's as-of time; now for an edit in the API). */
    public OffsetDateTime asOf;
    @Version
    public long version;
}
