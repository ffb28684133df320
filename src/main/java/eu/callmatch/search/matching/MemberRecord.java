package eu.callmatch.search.matching;

import java.util.List;

/**
 * A member's own EU record, as the partner pool knows it from its PIC: the topics of the projects it took part in,
 * and the topics its partners in those projects took part in elsewhere. Evidence of where it is likely to apply
 * next; a call is compared with these topics by their work-programme identifiers.
 *
 * @param own      the member's participations: the topic, and the project's acronym
 * @param partners its partners' other participations: the topic, and the acronym of the member's project where they
 *                 worked together
 */
public record MemberRecord(List<Participation> own, List<Participation> partners) {

    /** One participation: a topic identifier and the project (acronym) it comes from or through. */
    public record Participation(String topic, String project) {
    }

    public MemberRecord {
        own = List.copyOf(own);
        partners = List.copyOf(partners);
    }

    public boolean isEmpty() {
        return own.isEmpty() && partners.isEmpty();
    }
}
