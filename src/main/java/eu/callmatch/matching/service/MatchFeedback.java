package eu.callmatch.matching.service;

import java.util.List;

/**
 * What the helpdesk decided about calls for a member, as feedback for the member's ranking: calls like the ones it
 * kept rank higher, calls like the ones it set aside as not for the member rank lower.
 *
 * @param judged the calls decided on, most recent first
 */
public record MatchFeedback(List<Judged> judged) {

    public static final MatchFeedback NONE = new MatchFeedback(List.of());

    /**
     * One call decided on.
     *
     * @param identifier the call
     * @param positive   kept (shortlisted, contacted, applying, submitted) rather than set aside
     * @param label      how the reasons name the decision, e.g. "shortlisted", "dismissed as not relevant"
     */
    public record Judged(String identifier, boolean positive, String label) {
    }

    public boolean isEmpty() {
        return judged.isEmpty();
    }

    /** Where a member's feedback comes from: the workflow's decisions (none when no such bean exists). */
    public interface Source {
        MatchFeedback forMember(long memberId);
    }
}
