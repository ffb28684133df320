package eu.callmatch.calls;

import eu.callmatch.search.IndexedCall;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A funding call (a topic of the Funding &amp; Tenders Portal) as the API and the {@code callmatch-jsonl} import
 * format speak it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Call", description = "A funding call: one topic of the EU Funding & Tenders Portal.")
public record CallDto(
        @Schema(description = "The topic identifier, unique (required, except in a PUT whose path names it)", example = "HORIZON-CL5-2024-D3-01-01")
        @Size(max = 200) @Pattern(regexp = IDENTIFIER_PATTERN, message = IDENTIFIER_MESSAGE)
        String identifier,
        @Schema(description = "The identifier of the call the topic belongs to", example = "HORIZON-CL5-2024-D3-01")
        @Size(max = 200) String callIdentifier,
        @Schema(description = "The topic's title", example = "Novel floating offshore wind technologies")
        @NotBlank @Size(max = 2000) String title,
        @Schema(description = "The call's title", example = "Sustainable, secure and competitive energy supply")
        @Size(max = 2000) String callTitle,
        @Schema(description = "The funding programme", example = "Horizon Europe") @Size(max = 200) String programme,
        @Schema(description = "The Horizon Europe cluster, where there is one", example = "Climate, Energy and Mobility")
        @Size(max = 200) String cluster,
        @Schema(description = "The work programme destination", example = "Sustainable, secure and competitive energy supply")
        @Size(max = 2000) String destination,
        @Schema(description = "The type of action", example = "HORIZON-RIA") @Size(max = 200) String actionType,
        @Schema(description = "OPEN, FORTHCOMING or CLOSED. Derived from the dates on output; on input, the "
                + "status a source gives, used where the dates say nothing", example = "OPEN")
        CallStatus status,
        @Schema(description = "When submission opens", example = "2024-05-07") LocalDate openingDate,
        @Schema(description = "The submission deadlines, in order; two-stage calls have two",
                example = "[\"2024-09-05\"]")
        @Size(max = 20) List<LocalDate> deadlines,
        @Schema(description = "single-stage, two-stage or multiple cut-off", example = "single-stage")
        @Size(max = 40) String deadlineModel,
        @Schema(description = "The smallest EU contribution per project, in EUR", example = "3000000")
        @PositiveOrZero BigDecimal budgetMin,
        @Schema(description = "The largest EU contribution per project, in EUR", example = "5000000")
        @PositiveOrZero BigDecimal budgetMax,
        @Schema(description = "The topic's total budget, in EUR", example = "15000000") @PositiveOrZero BigDecimal totalBudget,
        @Schema(description = "How many grants are expected", example = "3") @PositiveOrZero Integer expectedGrants,
        @Schema(description = "The topic's description, plain text",
                example = "Expected outcome: Project results are expected to contribute to ...")
        @Size(max = 200_000) String description,
        @Schema(description = "Keywords of the topic", example = "[\"Offshore wind\", \"Floating foundations\"]")
        @Size(max = 200) List<@NotBlank @Size(max = 300) String> keywords,
        @Schema(description = "Eligibility and admission conditions, plain text",
                example = "Standard eligibility conditions apply.")
        @Size(max = 200_000) String conditions,
        @Schema(description = "The topic's page on the portal",
                example = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/horizon-cl5-2024-d3-01-01")
        @Size(max = 2000) String url,
        @Schema(description = "Where the record came from", example = "ft-portal") @Size(max = 200) String source,
        @Schema(description = "When the source last changed the record", example = "2024-05-02T10:15:30Z")
        OffsetDateTime sourceUpdatedAt,
        @Schema(description = "Set when a complete import of the source no longer listed the call (it stays, closed)",
                readOnly = true, example = "2024-10-01")
        LocalDate leftSourceOn,
        @Schema(readOnly = true, example = "2024-06-01T02:00:12Z") OffsetDateTime createdAt,
        @Schema(readOnly = true, example = "2024-06-01T02:00:12Z") OffsetDateTime updatedAt,
        @Schema(description = "What the record is, where the source says so: TOPIC (a work-programme topic), "
                + "CASCADE_FUNDING (an open call run by an EU-funded project for third parties, under parentTopic) "
                + "or TENDER", example = "TOPIC")
        CallKind kind,
        @Schema(description = "For a cascade-funding call: the topic that funds the project running it",
                example = "HORIZON-EIT-2023-25-KIC-EITMANUFACTURING")
        @Size(max = 200) String parentTopic,
        @Schema(description = "The title and description in the other languages the source published")
        @Size(max = 30) List<@Valid CallTranslation> translations,
        @Schema(description = "When the record was true at its source (an import's asOf, the portal's own date, "
                + "else when it was fetched): a record older than the stored one is not applied",
                example = "2024-10-26T12:58:46.918Z")
        OffsetDateTime asOf) implements IndexedCall {

    /** A call as the sources without kinds, translations or as-of times give it. */
    public CallDto(String identifier, String callIdentifier, String title, String callTitle, String programme,
                   String cluster, String destination, String actionType, CallStatus status, LocalDate openingDate,
                   List<LocalDate> deadlines, String deadlineModel, BigDecimal budgetMin, BigDecimal budgetMax,
                   BigDecimal totalBudget, Integer expectedGrants, String description, List<String> keywords,
                   String conditions, String url, String source, OffsetDateTime sourceUpdatedAt,
                   LocalDate leftSourceOn, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        this(identifier, callIdentifier, title, callTitle, programme, cluster, destination, actionType, status,
                openingDate, deadlines, deadlineModel, budgetMin, budgetMax, totalBudget, expectedGrants, description,
                keywords, conditions, url, source, sourceUpdatedAt, leftSourceOn, createdAt, updatedAt, null, null,
                null, null);
    }

    /** This call with its source and as-of time set, as an import stores it. */
    public CallDto from(String source, OffsetDateTime asOf) {
        return new CallDto(identifier, callIdentifier, title, callTitle, programme, cluster, destination, actionType,
                status, openingDate, deadlines, deadlineModel, budgetMin, budgetMax, totalBudget, expectedGrants,
                description, keywords, conditions, url, source, sourceUpdatedAt, null, null, null, kind, parentTopic,
                translations, asOf);
    }

    /** This call with the text of its other language versions. */
    public CallDto withTranslations(List<CallTranslation> translations) {
        return new CallDto(identifier, callIdentifier, title, callTitle, programme, cluster, destination, actionType,
                status, openingDate, deadlines, deadlineModel, budgetMin, budgetMax, totalBudget, expectedGrants,
                description, keywords, conditions, url, source, sourceUpdatedAt, leftSourceOn, createdAt, updatedAt,
                kind, parentTopic, translations, asOf);
    }

    /**
     * The properties that make most of a call's size (a description is some 7 KB), which a list may go without:
     * their columns in the call table have the same names.
     */
    public static final java.util.Set<String> LONG_TEXTS = java.util.Set.of("description", "conditions",
            "translations");

    public static final String IDENTIFIER_PATTERN = "[^\\s?#%\\\\]+";
    public static final String IDENTIFIER_MESSAGE = "must not contain white space, '?', '#', '%' or '\\'";
}
