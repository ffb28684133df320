package eu.callmatch.workflow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member, by id and name. */
@Schema(name = "MemberRef", description = "A member, by id and name")
public record MemberRef(@Schema(example = "42") long id,
                        @Schema(example = "Blue Hull Robotics SAS") String name) {
}
