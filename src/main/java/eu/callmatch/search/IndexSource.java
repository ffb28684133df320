package eu.callmatch.search;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The inward interface through which a feature hands its indexable records to {@code search}: {@code calls},
 * {@code members} and {@code organisations} each implement it for their records, and the indexes read the system of
 * record through it (within a transaction the indexes open).
 *
 * @param <R> the records, as the index sees them
 */
public interface IndexSource<R> {

    /** The records of the keys that exist, by key; a key missing from the result was deleted. */
    Map<String, R> records(Collection<String> keys);

    /** Keys in order after {@code after} (null: from the start), to walk a whole table a page at a time. */
    List<String> keysAfter(String after, int limit);

    long count();
}
