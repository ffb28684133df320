package eu.callmatch.search.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static eu.callmatch.search.index.SearchFields.*;

/** The three indexes, and per index what free text searches, what can be filtered and faceted, what is highlighted. */
public enum IndexKind {

    CALLS(weights(TITLE, 4f, KEYWORDS, 3f, CALL_TITLE, 2f, DESTINATION, 2f, DESCRIPTION, 1f),
            List.of(ID, CALL_IDENTIFIER, PARENT_TOPIC),
            Set.of(ID, CALL_IDENTIFIER, PROGRAMME, STATUS, ACTION_TYPE, CLUSTER, KIND, PARENT_TOPIC),
            List.of(PROGRAMME, STATUS, ACTION_TYPE, CLUSTER, KIND),
            List.of(TITLE, DESCRIPTION)),

    MEMBERS(weights(NAME, 4f, KEYWORDS, 3f, DESCRIPTION, 1f),
            List.of(ID),
            Set.of(ID, COUNTRY, ORGANISATION_TYPE, PROGRAMME, SECTOR),
            List.of(COUNTRY, ORGANISATION_TYPE, PROGRAMME, SECTOR),
            List.of(NAME, DESCRIPTION)),

    ORGANISATIONS(weights(NAME, 4f, SHORT_NAME, 4f, ACRONYM, 2f, PROJECT_TITLE, 2f, TOPIC_TITLE, 2f,
                    SCIENCE_FIELD, 1.5f, OBJECTIVE, 1f),
            List.of(ID, TOPIC),
            Set.of(ID, COUNTRY, ORGANISATION_TYPE, SME, TOPIC),
            List.of(COUNTRY, ORGANISATION_TYPE, SME),
            List.of(NAME, PROJECT_TITLE, OBJECTIVE));

    /** Tokenized fields free text searches, with their boost. */
    public final Map<String, Float> textFields;
    /** Keyword fields a typed word also matches exactly (a pasted topic identifier or PIC). */
    public final List<String> exactFields;
    public final Set<String> filterFields;
    public final List<String> facetFields;
    /** Fields a snippet is taken from ({@link SnippetText}), in order of preference after the first that matched. */
    public final List<String> snippetFields;

    IndexKind(Map<String, Float> textFields, List<String> exactFields, Set<String> filterFields,
              List<String> facetFields, List<String> snippetFields) {
        this.textFields = textFields;
        this.exactFields = exactFields;
        this.filterFields = filterFields;
        this.facetFields = facetFields;
        this.snippetFields = snippetFields;
    }

    /** The name its directories start with: {@code calls-1767225600000}, {@code calls.current}. */
    public String directoryPrefix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, Float> weights(Object... fieldsAndBoosts) {
        Map<String, Float> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndBoosts.length; i += 2) {
            map.put((String) fieldsAndBoosts[i], (Float) fieldsAndBoosts[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
