package eu.callmatch.calendars.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.calendars.CalendarFeed;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A deadline calendar feed; its address only in the answer that made it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CalendarFeed", description = "A deadline calendar (iCalendar) published at a secret address: a "
        + "member's pipeline, or the pipelines of the members a staff user looks after")
public record CalendarFeedDto(@Schema(example = "7") long id,
                              @Schema(description = "The member whose pipeline the feed shows", example = "42")
                              Long member,
                              @Schema(description = "The staff user whose members' pipelines the feed shows",
                                      example = "alice") String assignee,
                              @Schema(description = "The secret address to subscribe to; given once, when the feed "
                                      + "is made (only a hash of it is kept)",
                                      example = "https://callmatch.example.org/api/v1/calendars/q3Jx0Xh1mB2kTz8V0nYc4sQ7pL9wE6rA5dF2gH8jK1o/deadlines.ics")
                              String url,
                              @Schema(example = "bob") String createdBy,
                              @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime createdAt,
                              @Schema(description = "When the address stopped working; absent while it works")
                              OffsetDateTime revokedAt,
                              @Schema(description = "When a calendar client last read the feed",
                                      example = "2026-11-28T06:00:00Z") OffsetDateTime lastReadAt) {

    static CalendarFeedDto of(CalendarFeed feed, String url) {
        return new CalendarFeedDto(feed.id, feed.memberId, feed.assignee, url, feed.createdBy, feed.createdAt,
                feed.revokedAt, feed.lastReadAt);
    }

    /** For the OpenAPI document: a page of feeds. */
    @Schema(name = "CalendarFeedPage")
    record FeedPage(java.util.List<CalendarFeedDto> items, int page, int size, long total) {
    }
}
