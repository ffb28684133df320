package eu.callmatch.search.matching;

import java.time.LocalDate;
import java.util.List;

/**
 * What to match calls against, and the hard filters.
 *
 * @param text           the profile's text (description and keywords), any length
 * @param keywords       the profile's own keywords, weighted up
 * @param vector         the profile's embedding, or null (lexical only)
 * @param parts          the embeddings of the profile's sentences, when it lists several interests (may be empty)
 * @param statuses       only calls with one of these statuses (empty: any)
 * @param programmes     only these programmes (empty: any)
 * @param actionTypes    only these types of action (empty: any)
 * @param deadlineAfter  only calls with a deadline on or after this day, or none (null: no filter)
 * @param candidates     how many calls to rank
 * @param record         the member's own EU record, or null
 * @param language       the language the profile is written in (ISO 639-1), or null: read as English
 */
public record CallMatchQuery(String text, List<String> keywords, float[] vector, List<float[]> parts,
                             List<String> statuses,
                             List<String> programmes, List<String> actionTypes, LocalDate deadlineAfter,
                             int candidates, MemberRecord record, String language) {

    /** A query for an English profile (or one of unknown language). */
    public CallMatchQuery(String text, List<String> keywords, float[] vector, List<float[]> parts,
                          List<String> statuses, List<String> programmes, List<String> actionTypes,
                          LocalDate deadlineAfter, int candidates, MemberRecord record) {
        this(text, keywords, vector, parts, statuses, programmes, actionTypes, deadlineAfter, candidates, record, null);
    }

    /** This query with the profile's vectors. */
    public CallMatchQuery withVectors(float[] vector, List<float[]> parts) {
        return new CallMatchQuery(text, keywords, vector, parts, statuses, programmes, actionTypes, deadlineAfter,
                candidates, record, language);
    }

    /** A query for a profile without a known record. */
    public CallMatchQuery(String text, List<String> keywords, float[] vector, List<float[]> parts,
                          List<String> statuses, List<String> programmes, List<String> actionTypes,
                          LocalDate deadlineAfter, int candidates) {
        this(text, keywords, vector, parts, statuses, programmes, actionTypes, deadlineAfter, candidates, null);
    }
}
