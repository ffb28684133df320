package eu.callmatch.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.common.text.Languages;
import eu.callmatch.common.text.ProfileLanguage;
import eu.callmatch.search.IndexedMember;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A member of the cluster as the API speaks it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Member", description = "An organisation of the cluster that the helpdesk serves.")
public record MemberDto(
        @Schema(readOnly = true, description = "Assigned by the service", example = "42") Long id,
        @Schema(description = "The member's id in another system (a CRM), unique when given", example = "crm-00417")
        @Size(max = 100) String externalId,
        @Schema(description = "The organisation's legal name", example = "Blue Hull Robotics SAS")
        @NotBlank @Size(max = 300) String name,
        @Schema(description = "Participant Identification Code, 9 digits", example = "999123456")
        @Pattern(regexp = "\\d{9}", message = "must be 9 digits") String pic,
        @Schema(description = "ISO 3166-1 alpha-2 country; the EU codes EL and UK are accepted and stored as GR and GB",
                example = "FR")
        @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code") String country,
        @Schema(description = "NUTS region code", example = "FRL04")
        @Pattern(regexp = "[A-Za-z]{2}[A-Za-z0-9]{0,3}", message = "must be a NUTS code such as FRL04") String region,
        @Schema(description = "The kind of organisation", example = "SME") @NotNull OrganisationType organisationType,
        @Schema(description = "What the organisation does and wants to do, free text",
                example = "Underwater inspection drones for ports and offshore wind farms.")
        @Size(max = 20_000) String description,
        @Schema(description = "Competences", example = "[\"underwater robotics\", \"hull inspection\"]")
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> keywords,
        @Schema(description = "NACE codes", example = "[\"C28.99\", \"M71.12\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 20) String> sectors,
        @Schema(description = "Programmes of interest", example = "[\"Horizon Europe\", \"EMFAF\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> programmes,
        @Schema(description = "The language the description and keywords are written in: ISO 639-1, one of "
                + Languages.SUPPORTED_LIST + ". Optional: when not given, it is detected from the description and "
                + "keywords, and left out when the text is in none of these languages or too short to tell",
                example = "fr")
        @Pattern(regexp = Languages.SUPPORTED_PATTERN, message = "must be one of the supported languages "
                + Languages.SUPPORTED_LIST + " (ISO 639-1)") String language,
        @Schema(readOnly = true, description = "GIVEN when the member's record says the language, DETECTED when the "
                + "service read it from the text", example = "GIVEN") ProfileLanguage.Source languageSource,
        @Schema(description = "The contact person (personal data)") @Valid ContactDto contact,
        @Schema(readOnly = true, example = "2026-03-02T09:12:00Z") OffsetDateTime createdAt,
        @Schema(readOnly = true, example = "2026-03-02T09:12:00Z") OffsetDateTime updatedAt) implements IndexedMember {

    /** The member without its contact person, for callers who may not see personal data. */
    public MemberDto withoutContact() {
        return new MemberDto(id, externalId, name, pic, country, region, organisationType, description, keywords,
                sectors, programmes, language, languageSource, null, createdAt, updatedAt);
    }

    /** Without the contact person: a member that ends up in a log message takes no personal data there. */
    @Override
    public String toString() {
        return "Member[id=" + id + ", externalId=" + externalId + ", name=" + name + ", country=" + country + "]";
    }

    /** A member's contact person: personal data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Contact", description = "A contact person (personal data)")
    public record ContactDto(
            @Schema(example = "Claire Martin") @Size(max = 300) String name,
            @Schema(example = "claire.martin@example.com") @Email @Size(max = 300) String email,
            @Schema(example = "+33 4 91 00 00 00")
            @Pattern(regexp = "[+0-9 ().-]{3,40}", message = "must be a phone number") String phone) {

        /** Personal data stays out of logs. */
        @Override
        public String toString() {
            return "Contact[redacted]";
        }
    }
}
