package eu.callmatch.search.index;

import org.apache.lucene.facet.FacetsConfig;

import java.util.Set;

/**
 * The names of the indexed fields, shared by the three indexes where they mean the same thing, and the facet
 * configuration. A field name is also its facet dimension.
 */
public final class SearchFields {

    /**
     * Bump when a field, its type or its analyzer changes: an index stamped otherwise is rebuilt. 5: a call's vector
     * is computed from the start of its text only, and its digest is of that start: the rebuild keeps the vectors
     * of calls whose text is that short, and the others get theirs again in the background. 6: the model reads the
     * first 64 word pieces of that start, and the digest says so too: every call gets its vector again, once. 7: the
     * text snippets are cut from is kept in doc values, no longer in stored fields ({@link SnippetText}); vectors are
     * kept.
     */
    public static final int SCHEMA_VERSION = 7;

    // every kind
    public static final String ID = "id";
    public static final String DESCRIPTION = "description";
    public static final String KEYWORDS = "keywords";

    // calls
    public static final String CALL_IDENTIFIER = "callIdentifier";
    public static final String TITLE = "title";
    public static final String CALL_TITLE = "callTitle";
    public static final String DESTINATION = "destination";
    public static final String PROGRAMME = "programme";
    public static final String STATUS = "status";
    public static final String ACTION_TYPE = "actionType";
    public static final String CLUSTER = "cluster";
    /** TOPIC, CASCADE_FUNDING or TENDER, where the source says. */
    public static final String KIND = "kind";
    /** A cascade-funding call's topic. */
    public static final String PARENT_TOPIC = "parentTopic";
    /** Epoch days of every deadline of a call (multi-valued points and doc values). */
    public static final String DEADLINE = "deadline";
    /** Epoch day of the opening date. */
    public static final String OPENING_DATE = "openingDate";
    /** The call's text as a unit vector (sentence embedding), for semantic matching; absent with embeddings off. */
    public static final String CALL_VECTOR = "callVector";
    /**
     * Stored only: a digest of the text the call's vector was computed from, so that the vector is taken over when the
     * call is indexed again with the same text (an import that changed a deadline, a rebuild, a restart).
     */
    public static final String CALL_TEXT_HASH = "callTextHash";
    /** Euros, whole. */
    public static final String BUDGET_MIN = "budgetMin";
    public static final String BUDGET_MAX = "budgetMax";

    // members and organisations
    public static final String NAME = "name";
    public static final String COUNTRY = "country";
    public static final String ORGANISATION_TYPE = "organisationType";
    public static final String SECTOR = "sector";

    // organisations (the participations' projects)
    public static final String SHORT_NAME = "shortName";
    public static final String ACRONYM = "acronym";
    public static final String PROJECT_TITLE = "projectTitle";
    public static final String OBJECTIVE = "objective";
    public static final String TOPIC = "topic";
    public static final String TOPIC_TITLE = "topicTitle";
    public static final String SCIENCE_FIELD = "scienceField";
    public static final String SME = "sme";
    public static final String PARTICIPATION_COUNT = "participationCount";
    /** Doc values only: the name in lower case, to list members and organisations by name. */
    public static final String NAME_SORT = "nameSort";
    /** Doc values only: 0 for a call that can still be applied to, 1 for a closed one, to list those first. */
    public static final String STATUS_RANK = "statusRank";

    /** Exact-value fields: indexed as one untokenized term, filtered on, never stemmed. */
    public static final Set<String> KEYWORD_FIELDS = Set.of(ID, CALL_IDENTIFIER, PROGRAMME, STATUS, ACTION_TYPE,
            CLUSTER, KIND, PARENT_TOPIC, COUNTRY, ORGANISATION_TYPE, SECTOR, TOPIC, SME);

    /** Facet dimensions, all as sorted-set doc values in the default {@code $facets} field. */
    public static final FacetsConfig FACETS = facetsConfig();

    private static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        // a member has many programmes of interest; the rest have one value a document
        config.setMultiValued(PROGRAMME, true);
        config.setMultiValued(SECTOR, true);
        return config;
    }

    private SearchFields() {
    }
}
