package eu.callmatch.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.calls.CallStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A call's main facts in the workflow's lists, with the time left to its next deadline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WorkflowCall", description = "A call's main facts and the time left to its next deadline")
public record CallBrief(@Schema(example = "HORIZON-CL5-2024-D3-01-01") String identifier,
                        @Schema(example = "Novel floating offshore wind technologies") String title,
                        @Schema(example = "Horizon Europe") String programme,
                        @Schema(example = "OPEN") CallStatus status,
                        @Schema(example = "[\"2026-09-05\"]") List<LocalDate> deadlines,
                        @Schema(description = "The first deadline today or later; absent when none is left",
                                example = "2026-09-05") LocalDate nextDeadline,
                        @Schema(description = "Days from today to the next deadline", example = "12") Long daysToDeadline,
                        @Schema(example = "3000000") BigDecimal budgetMin,
                        @Schema(example = "5000000") BigDecimal budgetMax,
                        @Schema(example = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/horizon-cl5-2024-d3-01-01")
                        String url) {
}
