package eu.callmatch.imports.formats;

/**
 * Receives the records of an import file one by one, so that a parser never holds a whole file.
 *
 * @param <T> the record type the format produces
 */
public interface RecordSink<T> {

    /** A good record; {@code line} is the 1-based line where it starts (for JSON documents: where the object starts). */
    void accept(long line, T record);

    /**
     * A record that cannot be used; parsing goes on with the next one.
     *
     * @param record the record's id where known, else a short excerpt
     */
    void reject(long line, String record, String reason);

    /**
     * A record folded into another of the same file rather than passed on (a repeated row, another language version
     * of the same call), counted under {@code how}.
     */
    default void merged(String how) {
    }
}
