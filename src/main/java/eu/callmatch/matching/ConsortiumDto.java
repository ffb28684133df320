package eu.callmatch.matching;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A proposed consortium for a call around a lead member. */
@Schema(name = "Consortium", description = "Partners proposed around a lead member for a call, each with its reason, "
        + "and what is still missing when the pool cannot satisfy a rule.")
public record ConsortiumDto(
        @Schema(example = "HORIZON-CL5-2022-D6-01-08") String call,
        @Schema(description = "The lead member") PartnerMatchDto lead,
        @Schema(description = "The smallest eligible consortium for this type of action", example = "3") int minimumSize,
        @Schema(description = "The partners picked, best first") List<Pick> partners,
        @Schema(description = "The consortium's countries", example = "[\"FR\", \"ES\", \"DE\"]") List<String> countries,
        @Schema(description = "Rules or roles the proposal does not cover", example = "[]") List<String> missing) {

    /** One partner picked, and why. */
    @Schema(name = "ConsortiumPick")
    public record Pick(PartnerMatchDto partner,
                       @Schema(description = "The role it plays", example = "research") String role,
                       @Schema(example = "research organisation in ES, brings a country the consortium lacks") String reason) {
    }
}
