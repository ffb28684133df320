package eu.callmatch.calendars.rest;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whose deadlines a new feed shows: a member's, or those of the members a staff user looks after. */
@Schema(name = "CalendarFeedRequest", description = "Exactly one of member and assignee")
public record CalendarFeedRequest(@Schema(description = "A member: the feed shows its pipeline", example = "42")
                                  @Positive(message = "must be a member's id") Long member,
                                  @Schema(description = "A staff user: the feed shows the pipelines of the members "
                                          + "assigned to them", example = "alice")
                                  @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String assignee) {
}
