package eu.callmatch.search.matching;

import java.util.List;
import java.util.Map;

/**
 * A call found for a profile.
 *
 * @param identifier   the call
 * @param score        the combined score, 0 to 1
 * @param semantic     the cosine of the profile and the call, or NaN without embeddings
 * @param matchedTerms per call field (title, keywords, destination, description), the profile's key terms found there
 * @param area         the work-programme area (identifier prefix, years skipped) it shares with the best matches, or null
 * @param record       what the member's own EU record says of the call, or null
 * @param translations of the matched terms, those a dictionary gave for the member's words (empty: none)
 */
public record CallMatch(String identifier, double score, double semantic, Map<String, List<String>> matchedTerms,
                        String area, RecordEvidence record, Map<String, Translation> translations) {

    /**
     * Where a matched term came from a dictionary: the member's words and the translation it is part of
     * ("éolien en mer", "offshore wind" for the term "wind").
     */
    public record Translation(String memberWords, String callWords) {
    }

    /**
     * The member's record and the call.
     *
     * @param ownProject      the member's project whose topic lies closest to the call (acronym), or null
     * @param ownArea         the work-programme area that topic shares with the call, or null
     * @param sameTopic       the member took part in this very topic
     * @param partnersProject the member's project whose partners took part most in the call's area, or null
     * @param partnersArea    that area, or null
     * @param partnerTopics   how many of the partners' participations lie in it
     */
    public record RecordEvidence(String ownProject, String ownArea, boolean sameTopic, String partnersProject,
                                 String partnersArea, int partnerTopics) {
    }
}
