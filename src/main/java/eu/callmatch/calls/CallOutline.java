package eu.callmatch.calls;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a ranked list tells of a call: all but its long texts (description, conditions, translations), and whether
 * its title or description mentions SMEs, when asked.
 *
 * @param mentionsSmes the word SME or SMEs, or "small and medium-sized enterprises", in the title or description;
 *                     false when not asked for
 */
public record CallOutline(String identifier, String title, String programme, String actionType, CallStatus status,
                          List<LocalDate> deadlines, String deadlineModel, BigDecimal budgetMin, BigDecimal budgetMax,
                          String url, CallKind kind, String parentTopic, boolean mentionsSmes) {
}
