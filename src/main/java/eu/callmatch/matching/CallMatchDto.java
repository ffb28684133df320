package eu.callmatch.matching;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.calls.CallStatus;
import eu.callmatch.common.text.Languages;
import eu.callmatch.common.text.ProfileLanguage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A call proposed for a profile, with its score and the reasons. */
@Schema(name = "CallMatch", description = "A call proposed for a profile: the call, a score and why.")
public record CallMatchDto(CallSummary call,
                           @Schema(description = "Higher is better; comparable within one answer only", example = "0.83")
                           double score,
                           @Schema(description = "Why the call matched, and any eligibility note",
                                   example = "[\"your terms 'offshore', 'wind' in the title\", \"open to SMEs\", \"deadline in 12 days\"]")
                           List<String> reasons) {

    /** The call's main facts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CallSummary")
    public record CallSummary(@Schema(example = "HORIZON-CL5-2024-D3-01-01") String identifier,
                              @Schema(example = "Novel floating offshore wind technologies") String title,
                              @Schema(example = "Horizon Europe") String programme,
                              @Schema(example = "HORIZON-RIA") String actionType,
                              @Schema(example = "OPEN") CallStatus status,
                              @Schema(example = "[\"2024-09-05\"]") List<LocalDate> deadlines,
                              @Schema(example = "3000000") BigDecimal budgetMin,
                              @Schema(example = "5000000") BigDecimal budgetMax,
                              @Schema(example = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/horizon-cl5-2024-d3-01-01")
                              String url) {
    }

    /** The answer: the best calls first. */
    @Schema(name = "CallMatchList")
    public record Page(List<CallMatchDto> items,
                       @Schema(description = "How many calls passed the filters", example = "143") long total,
                       @Schema(description = "How many calls of the index still wait for their semantic vector "
                               + "(after an import, a rebuild or a start); the answer never waits for them: those "
                               + "calls are found and ranked by their words, area and record evidence, as neither "
                               + "close nor far in meaning, and say so in their reasons; 0 when every call has its "
                               + "vector", example = "0") long pendingVectors,
                       @Schema(description = "The language the profile is written in (ISO 639-1), as given or "
                               + "detected; null when detected as none of the supported ones (" + Languages.SUPPORTED_LIST
                               + ") or when the text is too short to tell", example = "fr", nullable = true)
                       String language,
                       @Schema(description = "GIVEN when the profile (or the member's record) says the language, "
                               + "DETECTED when the service read it from the text", example = "DETECTED")
                       ProfileLanguage.Source languageSource) {

        /** No call for a profile in this language. */
        public static Page empty(ProfileLanguage language, long pendingVectors) {
            return new Page(List.of(), 0, pendingVectors, language.code(), language.source());
        }
    }
}
