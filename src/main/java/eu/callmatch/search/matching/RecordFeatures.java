package eu.callmatch.search.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a member's own record says of one call: how deep the call's work-programme path runs along the topics the
 * member took part in, whether it took part in this very topic, and how much of its partners' other work lies in
 * the call's area. Pure: the same for the service and for the training that learns its weights.
 */
final class RecordFeatures {

    /** Programme, cluster and destination: sharing them counts in full, the call number adds nothing more. */
    static final int DEPTH = 3;

    private final List<MemberRecord.Participation> own;
    private final List<List<String>> ownSegments;
    private final List<MemberRecord.Participation> partners;
    private final List<List<String>> partnerSegments;
    /** How many of the member's own participations are of each kind of action ({@link CallMatcher#actionKind}). */
    private final Map<String, Integer> ownActions = new HashMap<>();
    private int ownActionsKnown;

    RecordFeatures(MemberRecord record) {
        this(record, Map.of());
    }

    /** @param actions the type of action of the record's own topics, where the calls know it */
    RecordFeatures(MemberRecord record, Map<String, String> actions) {
        own = record.own();
        for (MemberRecord.Participation p : own) {
            String kind = CallMatcher.actionKind(actions.get(p.topic()));
            if (kind != null) {
                ownActions.merge(kind, 1, Integer::sum);
                ownActionsKnown++;
            }
        }
        ownSegments = own.stream().map(p -> TopicCodes.segments(p.topic())).toList();
        partners = record.partners();
        partnerSegments = partners.stream().map(p -> TopicCodes.segments(p.topic())).toList();
    }

    /** The share of path two identifiers' segments have, 0 below programme and cluster, 1 from the destination on. */
    static double depth(int shared) {
        return shared < 2 ? 0 : Math.min(shared, DEPTH) / (double) DEPTH;
    }

    /** The share of the member's own participations of a known type of action that are of this call's type. */
    double ownAction(String action) {
        String kind = CallMatcher.actionKind(action);
        return kind == null || ownActionsKnown == 0 ? 0 : ownActions.getOrDefault(kind, 0) / (double) ownActionsKnown;
    }

    /** Writes the record's features of the call into {@code features} and answers their evidence, or null. */
    CallMatch.RecordEvidence score(String identifier, List<String> segments, double[] features) {
        int ownBest = -1;
        int ownShared = 0;
        boolean sameTopic = false;
        for (int i = 0; i < own.size(); i++) {
            int shared = TopicCodes.shared(segments, ownSegments.get(i));
            sameTopic |= identifier.equalsIgnoreCase(own.get(i).topic());
            if (shared > ownShared) {
                ownShared = shared;
                ownBest = i;
            }
        }
        double ownArea = depth(ownShared);
        double partnerSum = 0;
        Map<String, Integer> inArea = new HashMap<>();
        for (int i = 0; i < partners.size(); i++) {
            int shared = TopicCodes.shared(segments, partnerSegments.get(i));
            partnerSum += depth(shared);
            if (shared >= DEPTH) {
                inArea.merge(partners.get(i).project(), 1, Integer::sum);
            }
        }
        features[CallRanker.OWN_AREA] = ownArea;
        features[CallRanker.OWN_TOPIC] = sameTopic ? 1 : 0;
        features[CallRanker.PARTNER_AREA] = partners.isEmpty() ? 0 : partnerSum / partners.size();
        Map.Entry<String, Integer> via = inArea.entrySet().stream()
                // most participations in the area; between equals, the first project by name
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
                .orElse(null);
        if (ownArea == 0 && !sameTopic && via == null) {
            return null;
        }
        return new CallMatch.RecordEvidence(ownArea > 0 ? own.get(ownBest).project() : null,
                ownArea > 0 ? TopicCodes.prefix(segments, Math.min(ownShared, DEPTH)) : null, sameTopic,
                via == null ? null : via.getKey(), via == null ? null : TopicCodes.prefix(segments, DEPTH),
                via == null ? 0 : via.getValue());
    }
}
