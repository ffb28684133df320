package eu.callmatch.search.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search: free text (see {@link UserQueries}), keyword filters (values OR-ed within a field, fields AND-ed),
 * a window on any of a call's deadlines, a minimum of a call's smallest per-project budget, a sort, a page and
 * the facets to count over the filtered hits. Build it with {@link #of(String)} and the {@code with...} methods.
 */
public record SearchRequest(String text, Map<String, List<String>> filters, LocalDate deadlineFrom,
                            LocalDate deadlineTo, Long budgetMinAtLeast, SortBy sort, int offset, int limit,
                            List<String> facets) {

    public static final int MAX_LIMIT = 200;
    /** Deep pages cost a priority queue of offset + limit; nobody reads page 500 of a search. */
    public static final int MAX_OFFSET = 100_000;

    public enum SortBy {
        RELEVANCE,
        /**
         * Calls that can still be applied to first, then closed ones; each by earliest deadline (a call's earliest,
         * which for a two-stage call may be past: filter on the window).
         */
        DEADLINE,
        /** Members and organisations by name. */
        NAME,
        /** Newest opening date first. */
        OPENING_DATE,
        /** Organisations with most participations first. */
        PARTICIPATIONS
    }

    public SearchRequest {
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        sort = sort == null ? SortBy.RELEVANCE : sort;
        offset = Math.min(Math.max(offset, 0), MAX_OFFSET);
        limit = Math.min(Math.max(limit, 0), MAX_LIMIT);
        facets = facets == null ? List.of() : List.copyOf(facets);
    }

    public static SearchRequest of(String text) {
        return new SearchRequest(text, Map.of(), null, null, null, SortBy.RELEVANCE, 0, 20, List.of());
    }

    public SearchRequest withFilter(String field, String... values) {
        Map<String, List<String>> more = new LinkedHashMap<>(filters);
        more.merge(field, List.of(values), (a, b) -> {
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        });
        return new SearchRequest(text, more, deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit, facets);
    }

    /** Calls with any deadline in [from, to]; either end may be null. */
    public SearchRequest withDeadlineBetween(LocalDate from, LocalDate to) {
        return new SearchRequest(text, filters, from, to, budgetMinAtLeast, sort, offset, limit, facets);
    }

    public SearchRequest withBudgetMinAtLeast(long euros) {
        return new SearchRequest(text, filters, deadlineFrom, deadlineTo, euros, sort, offset, limit, facets);
    }

    public SearchRequest sortedBy(SortBy by) {
        return new SearchRequest(text, filters, deadlineFrom, deadlineTo, budgetMinAtLeast, by, offset, limit, facets);
    }

    public SearchRequest page(int offset, int limit) {
        return new SearchRequest(text, filters, deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit, facets);
    }

    public SearchRequest withFacets(String... fields) {
        return new SearchRequest(text, filters, deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit,
                Arrays.asList(fields));
    }
}
