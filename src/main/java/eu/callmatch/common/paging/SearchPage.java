package eu.callmatch.common.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** One page of search results, with the facet counts over all matches. */
public record SearchPage<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "The page number, from 0", example = "0") int page,
        @Schema(description = "The page size asked for", example = "20") int size,
        @Schema(description = "How many items match, in all pages", example = "137") long total,
        @Schema(description = "For each facet field, how many matches have each value",
                example = "{\"status\": {\"OPEN\": 120, \"FORTHCOMING\": 17}}")
        Map<String, Map<String, Long>> facets) {
}
