package eu.callmatch.matching.service;

import eu.callmatch.matching.CallMatchDto;
import eu.callmatch.search.matching.TextEmbedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Moves a member's call matches by the helpdesk's decisions: a call close in meaning to one the member kept gains,
 * one close to a call set aside loses, each in proportion to how close it is beyond {@link #FLOOR} (calls of
 * unrelated topics are left alone), and the reasons name the decided call that moved it. Embedding-based: without
 * vectors nothing moves.
 */
final class FeedbackRanking {

    /**
     * Cosines of call vectors below this are topics apart: no effect (all-MiniLM-L6-v2 puts two offshore wind topics
     * at 0.45 to 0.75, offshore wind and soil health near 0).
     */
    static final double FLOOR = 0.4;
    /** The most a call can gain (a kept call itself) on the 0-1 score scale. */
    static final double UP = 0.25;
    /** The most a call can lose (a dismissed call itself). */
    static final double DOWN = 0.35;
    /** The decided calls counted, most recent first. */
    static final int MAX_JUDGED = 50;

    private FeedbackRanking() {
    }

    /**
     * @param items   the matches, scored without feedback
     * @param vectors the vectors of the matched and the decided calls, by identifier (missing: not embedded)
     * @return the matches with adjusted scores and reasons (not sorted)
     */
    static List<CallMatchDto> apply(List<CallMatchDto> items, MatchFeedback feedback, Map<String, float[]> vectors) {
        List<MatchFeedback.Judged> judged = feedback.judged().stream().limit(MAX_JUDGED)
                .filter(j -> vectors.get(j.identifier()) != null).toList();
        if (judged.isEmpty()) {
            return items;
        }
        List<CallMatchDto> adjusted = new ArrayList<>(items.size());
        for (CallMatchDto item : items) {
            float[] v = vectors.get(item.call().identifier());
            if (v == null) {
                adjusted.add(item);
                continue;
            }
            MatchFeedback.Judged up = null;
            MatchFeedback.Judged down = null;
            double upSim = FLOOR;
            double downSim = FLOOR;
            for (MatchFeedback.Judged j : judged) {
                double sim = j.identifier().equals(item.call().identifier()) ? 1
                        : TextEmbedder.cosine(v, vectors.get(j.identifier()));
                if (j.positive() && sim > upSim) {
                    up = j;
                    upSim = sim;
                } else if (!j.positive() && sim > downSim) {
                    down = j;
                    downSim = sim;
                }
            }
            if (up == null && down == null) {
                adjusted.add(item);
                continue;
            }
            double delta = UP * (upSim - FLOOR) / (1 - FLOOR) - DOWN * (downSim - FLOOR) / (1 - FLOOR);
            List<String> reasons = new ArrayList<>(item.reasons());
            if (up != null) {
                reasons.add(reason("ranked up", item, up, upSim));
            }
            if (down != null) {
                reasons.add(reason("ranked down", item, down, downSim));
            }
            double score = Math.max(0, item.score() + delta);
            adjusted.add(new CallMatchDto(item.call(), Math.round(score * 10_000) / 10_000.0, reasons));
        }
        return adjusted;
    }

    private static String reason(String direction, CallMatchDto item, MatchFeedback.Judged by, double sim) {
        if (by.identifier().equals(item.call().identifier())) {
            return direction + ": a call you " + by.label();
        }
        return String.format(Locale.ROOT, "%s: similar to %s you %s (similarity %.2f)", direction, by.identifier(),
                by.label(), sim);
    }
}
