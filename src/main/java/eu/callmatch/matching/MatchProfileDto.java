package eu.callmatch.matching;

import eu.callmatch.common.text.Languages;
import eu.callmatch.members.OrganisationType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What an organisation does and wants, to match calls against: a stored member's profile or an ad-hoc one. */
@Schema(name = "MatchProfile", description = "A profile to match calls against. A description or keywords are required.")
public record MatchProfileDto(
        @Schema(description = "What the organisation does and wants to do, any length, any language (English matches best)",
                example = "We build underwater inspection drones for ports and offshore wind farms, with AI-based corrosion detection.")
        @Size(max = 100_000) String description,
        @Schema(description = "Competences and topics of interest", example = "[\"underwater robotics\", \"offshore wind\"]")
        @Size(max = 100, message = "must be at most 100 keywords") List<@NotBlank @Size(max = 300) String> keywords,
        @Schema(description = "ISO 3166-1 alpha-2 country (EL and UK accepted)", example = "FR")
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code") String country,
        @Schema(description = "The kind of organisation", example = "SME") OrganisationType organisationType,
        @Schema(description = "Whether it is an SME", example = "true") Boolean sme,
        @Schema(description = "Only calls of these programmes (empty: any)", example = "[\"Horizon Europe\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> programmes,
        @Schema(description = "The organisation's PIC (Participant Identification Code). Where the partner pool knows "
                + "it, its own EU record counts: the work-programme areas of its past projects and where its partners "
                + "went on to", example = "999999999")
        @Pattern(regexp = "\\d{9}", message = "must be 9 digits") String pic,
        @Schema(description = "The language the description and keywords are written in: ISO 639-1, one of "
                + Languages.SUPPORTED_LIST + ". Optional: when not given, it is detected from the text; the answer "
                + "says which and how", example = "fr")
        @Pattern(regexp = Languages.SUPPORTED_PATTERN, message = "must be one of the supported languages "
                + Languages.SUPPORTED_LIST + " (ISO 639-1)") String language) {

    /** A profile without a PIC, its language to be detected. */
    public MatchProfileDto(String description, List<String> keywords, String country,
                           OrganisationType organisationType, Boolean sme, List<String> programmes) {
        this(description, keywords, country, organisationType, sme, programmes, null, null);
    }
}
