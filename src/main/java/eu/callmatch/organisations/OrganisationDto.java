package eu.callmatch.organisations;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.search.IndexedOrganisation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** An organisation of the partner pool; its participations come with the single-organisation read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Organisation", description = "An organisation of the partner pool (a CORDIS participant).")
public record OrganisationDto(
        @Schema(description = "Participant Identification Code (CORDIS organisationID)", example = "999993274") String pic,
        @Schema(example = "FUNDACION TECNALIA RESEARCH & INNOVATION") String name,
        @Schema(example = "TECNALIA") String shortName,
        @Schema(description = "ISO 3166-1 alpha-2 country", example = "ES") String country,
        @Schema(example = "DONOSTIA/SAN SEBASTIAN") String city,
        @Schema(description = "CORDIS activity type: PRC private company, REC research organisation, HES higher "
                + "education, PUB public body, OTH other", example = "REC") String activityType,
        @Schema(description = "The kind of organisation, derived from the activity type and the SME flag",
                example = "RESEARCH_ORGANISATION") OrganisationType organisationType,
        @Schema(description = "Whether CORDIS lists it as an SME", example = "false") Boolean sme,
        @Schema(example = "http://www.tecnalia.com") String url,
        @Schema(description = "How many EU projects it took part in", example = "37") long participationCount,
        @Schema(description = "Its EU projects, newest first (only when reading one organisation)")
        List<ParticipationDto> participations) implements IndexedOrganisation {

    /** One project an organisation took part in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Participation")
    public record ParticipationDto(
            @Schema(description = "CORDIS project id", example = "101076633") String projectId,
            @Schema(example = "OVERHEAT") String acronym,
            @Schema(example = "Innovative strategies for containership fires prevention and management") String title,
            @Schema(description = "The project's objective, where CORDIS has it") String objective,
            @Schema(description = "The funding topic", example = "HORIZON-CL5-2022-D6-01-08") String topic,
            @Schema(example = "Safe, resilient transport and smart mobility services for passengers and goods")
            String topicTitle,
            @Schema(description = "coordinator, participant, associatedPartner, thirdParty", example = "participant")
            String role,
            @Schema(description = "EU contribution to this organisation, EUR", example = "412500")
            BigDecimal ecContribution,
            @Schema(description = "EuroSciVoc science fields", example = "[\"/engineering and technology/mechanical engineering/vehicle engineering/naval engineering\"]")
            List<String> scienceFields,
            @Schema(example = "2022-09-01") LocalDate startDate,
            @Schema(example = "2025-08-31") LocalDate endDate) implements IndexedOrganisation.Participation {
    }
}
