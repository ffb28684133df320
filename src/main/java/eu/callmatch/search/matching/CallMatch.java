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
 */
public record CallMatch(String identifier, double score, double semantic, Map<String, List<String>> matchedTerms,
                        String area) {
}
