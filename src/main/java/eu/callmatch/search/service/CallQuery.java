package eu.callmatch.search.service;

import java.time.LocalDate;
import java.util.List;

/**
 * A search of the calls, in the calls' own terms: free text, the values to keep of each filter (OR-ed within one,
 * AND-ed across), a window on any of a call's deadlines, a minimum of its smallest per-project budget, a sort and a
 * page. Empty lists do not filter. Start from {@link #of(String)}.
 */
public record CallQuery(String text, List<String> programmes, List<String> statuses, List<String> actionTypes,
                        List<String> clusters, List<String> kinds, List<String> parentTopics, List<String> identifiers,
                        LocalDate deadlineFrom, LocalDate deadlineTo, Long budgetMinAtLeast, Sort sort, int offset,
                        int limit) {

    public enum Sort {
        RELEVANCE,
        /** Calls that can still be applied to first, then closed ones; each by earliest deadline. */
        DEADLINE,
        /** Newest opening date first. */
        OPENING_DATE
    }

    public CallQuery {
        text = text == null || text.isBlank() ? null : text;
        programmes = orEmpty(programmes);
        statuses = orEmpty(statuses);
        actionTypes = orEmpty(actionTypes);
        clusters = orEmpty(clusters);
        kinds = orEmpty(kinds);
        parentTopics = orEmpty(parentTopics);
        identifiers = orEmpty(identifiers);
        sort = sort == null ? (text == null ? Sort.DEADLINE : Sort.RELEVANCE) : sort;
    }

    /** The first 20 calls for this text (all calls without), by relevance (by deadline without text). */
    public static CallQuery of(String text) {
        return new CallQuery(text, null, null, null, null, null, null, null, null, null, null, null, 0, 20);
    }

    public CallQuery programmes(List<String> values) {
        return new CallQuery(text, values, statuses, actionTypes, clusters, kinds, parentTopics, identifiers,
                deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit);
    }

    public CallQuery statuses(List<String> values) {
        return new CallQuery(text, programmes, values, actionTypes, clusters, kinds, parentTopics, identifiers,
                deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit);
    }

    public CallQuery actionTypes(List<String> values) {
        return new CallQuery(text, programmes, statuses, values, clusters, kinds, parentTopics, identifiers,
                deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit);
    }

    public CallQuery clusters(List<String> values) {
        return new CallQuery(text, programmes, statuses, actionTypes, values, kinds, parentTopics, identifiers,
                deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit);
    }

    public CallQuery kinds(List<String> values) {
        return new CallQuery(text, programmes, statuses, actionTypes, clusters, values, parentTopics, identifiers,
                deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit);
    }

    public CallQuery parentTopics(List<String> values) {
        return new CallQuery(text, programmes, statuses, actionTypes, clusters, kinds, values, identifiers,
                deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit);
    }

    /** Only among these calls. */
    public CallQuery among(List<String> values) {
        return new CallQuery(text, programmes, statuses, actionTypes, clusters, kinds, parentTopics, values,
                deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit);
    }

    /** Calls with any deadline in [from, to]; either end may be null. */
    public CallQuery deadlineBetween(LocalDate from, LocalDate to) {
        return new CallQuery(text, programmes, statuses, actionTypes, clusters, kinds, parentTopics, identifiers,
                from, to, budgetMinAtLeast, sort, offset, limit);
    }

    public CallQuery budgetMinAtLeast(Long euros) {
        return new CallQuery(text, programmes, statuses, actionTypes, clusters, kinds, parentTopics, identifiers,
                deadlineFrom, deadlineTo, euros, sort, offset, limit);
    }

    /** Null: by relevance with text, by deadline without. */
    public CallQuery sortedBy(Sort by) {
        return new CallQuery(text, programmes, statuses, actionTypes, clusters, kinds, parentTopics, identifiers,
                deadlineFrom, deadlineTo, budgetMinAtLeast, by, offset, limit);
    }

    public CallQuery page(int offset, int limit) {
        return new CallQuery(text, programmes, statuses, actionTypes, clusters, kinds, parentTopics, identifiers,
                deadlineFrom, deadlineTo, budgetMinAtLeast, sort, offset, limit);
    }

    static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
