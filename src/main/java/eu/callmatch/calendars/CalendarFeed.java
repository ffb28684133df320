package eu.callmatch.calendars;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A deadline calendar's secret address: a member's pipeline, or the members a staff user looks after. */
@Entity
@Table(name = "calendar_feed")
public class CalendarFeed {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long memberId;
    public String assignee;
    /** The SHA-256 of the secret in the address; the secret itself is shown once, when the feed is made. */
    public String tokenHash;
    public String createdBy;
    public OffsetDateTime createdAt;
    public OffsetDateTime revokedAt;
    public OffsetDateTime lastReadAt;
}
