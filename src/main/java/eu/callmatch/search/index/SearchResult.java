package eu.callmatch.search.index;

import java.util.List;
import java.util.Map;

/**
 * One page of hits (ids to read back from PostgreSQL, in order), the exact number of matches and the facet
 * counts over all of them.
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {

    /**
     * @param score   the relevance, NaN when sorted by something else
     * @param snippet HTML-escaped text with the matches in {@code <em>}, at most about 240 characters; the start of
     *                the first snippet field when nothing in it matched; null when the document has none of them
     */
    public record Hit(String id, float score, String snippet) {
    }

    public record FacetCount(String value, long count) {
    }
}
