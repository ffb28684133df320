package eu.callmatch.workflow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** A member's daily digest. */
@Schema(name = "Digest", description = "A member's day: the alerts raised that day and the deadlines of the calls it "
        + "goes on with in the next 30 days")
public record DigestDto(MemberRef member,
                        @Schema(example = "2026-11-27") LocalDate date,
                        @Schema(description = "The alerts raised that day, best first") List<AlertDto> alerts,
                        @Schema(description = "Calls in the pipeline whose next deadline is within 30 days, soonest first")
                        List<PipelineItem> deadlines) {
}
