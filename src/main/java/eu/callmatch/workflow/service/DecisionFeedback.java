package eu.callmatch.workflow.service;

import eu.callmatch.matching.service.MatchFeedback;
import eu.callmatch.workflow.MemberCall;
import eu.callmatch.workflow.MemberCallRepository;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.ReasonCode;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Locale;

/**
 * A member's decisions as feedback for the member's ranking: calls kept (shortlisted and on) pull similar calls
 * up, calls dismissed as not relevant, not eligible or other push similar calls down; a dismissal for lack of
 * capacity says nothing about the topic and counts for nothing.
 */
@ApplicationScoped
public class DecisionFeedback implements MatchFeedback.Source {

    private final MemberCallRepository pairs;

    DecisionFeedback(MemberCallRepository pairs) {
        this.pairs = pairs;
    }

    @Override
    @Transactional
    public MatchFeedback forMember(long memberId) {
        List<MemberCall> decided = pairs.list("id.memberId = ?1 and status <> ?2 and decidedAt is not null",
                Sort.descending("decidedAt"), memberId, PairStatus.NEW);
        List<MatchFeedback.Judged> judged = decided.stream()
                .filter(p -> p.status != PairStatus.DISMISSED || p.reasonCode == null || p.reasonCode.aboutTheTopic())
                .map(p -> new MatchFeedback.Judged(p.id.callIdentifier, p.status != PairStatus.DISMISSED, label(p)))
                .toList();
        return judged.isEmpty() ? MatchFeedback.NONE : new MatchFeedback(judged);
    }

    private static String label(MemberCall p) {
        if (p.status == PairStatus.DISMISSED) {
            ReasonCode reason = p.reasonCode == null ? ReasonCode.OTHER : p.reasonCode;
            return reason == ReasonCode.OTHER ? "dismissed"
                    : "dismissed as " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return switch (p.status) {
            case CONTACTED -> "contacted the member about";
            case APPLYING -> "are applying to";
            case SUBMITTED -> "submitted to";
            default -> "shortlisted";
        };
    }
}
