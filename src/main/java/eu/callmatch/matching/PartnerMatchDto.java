package eu.callmatch.matching;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.members.OrganisationType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A partner proposed for a call: a member of the cluster or an organisation of the partner pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PartnerMatch", description = "A partner proposed for a call, with its score, why, and its past projects that show it.")
public record PartnerMatchDto(
        @Schema(description = "MEMBER (of the cluster) or ORGANISATION (of the partner pool)", example = "ORGANISATION")
        Kind kind,
        @Schema(description = "The member's id, or the organisation's PIC", example = "999993274") String id,
        @Schema(description = "Participant Identification Code (for organisations, the CORDIS organisationID)",
                example = "999993274") String pic,
        @Schema(example = "FUNDACION TECNALIA RESEARCH & INNOVATION") String name,
        @Schema(example = "ES") String country,
        @Schema(example = "RESEARCH_ORGANISATION") OrganisationType organisationType,
        @Schema(example = "false") Boolean sme,
        @Schema(description = "Higher is better; comparable within one answer only", example = "1.42") double score,
        @Schema(example = "[\"coordinated 2 projects under similar topics (OVERHEAT, FIRELOGIC)\"]") List<String> reasons,
        @Schema(description = "Its past projects closest to the call") List<Evidence> evidence) {

    public enum Kind { MEMBER, ORGANISATION }

    /** A past project that shows what a partner brings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PartnerEvidence")
    public record Evidence(@Schema(example = "101076633") String projectId,
                           @Schema(example = "OVERHEAT") String acronym,
                           @Schema(example = "Innovative strategies for containership fires prevention and management") String title,
                           @Schema(example = "HORIZON-CL5-2022-D6-01-08") String topic,
                           @Schema(example = "coordinator") String role) {
    }

    /** The answer: the best partners first. */
    @Schema(name = "PartnerMatchList")
    public record Page(List<PartnerMatchDto> items,
                       @Schema(description = "How many candidates scored above zero", example = "312") long total) {
    }
}
