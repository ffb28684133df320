package eu.callmatch.search.index;

import eu.callmatch.search.IndexedCall;
import eu.callmatch.search.IndexedMember;
import eu.callmatch.search.IndexedOrganisation;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Collection;

import static eu.callmatch.search.index.SearchFields.*;

/**
 * A feature's record to Lucene document. Only the id is kept (stored, and as doc values): hits are read back from
 * PostgreSQL. The fields a snippet comes from have their offsets in the postings, so that the highlighter need not
 * analyze them again, and their text in binary doc values ({@link SnippetText}): read as it is, where a stored field
 * would have its whole compressed block decompressed for every hit.
 */
public final class Documents {

    /** Text shown in snippets: offsets indexed for the UnifiedHighlighter, the text itself in {@link SnippetText}. */
    private static final FieldType HIGHLIGHTED_TEXT = highlightedText();

    private Documents() {
    }

    public static Document of(IndexedCall call) {
        return of(call, null);
    }

    /** With {@code vector}, the call's text embedding (a unit vector), for semantic matching. */
    public static Document of(IndexedCall call, float[] vector) {
        return of(call, vector, null);
    }

    /** ... and the digest of what the vector was computed from ({@link SearchFields#CALL_TEXT_HASH}). */
    public static Document of(IndexedCall call, float[] vector, byte[] textHash) {
        Document doc = new Document();
        if (vector != null) {
            doc.add(new KnnFloatVectorField(CALL_VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
            if (textHash != null) {
                doc.add(new StoredField(CALL_TEXT_HASH, textHash));
            }
        }
        id(doc, call.identifier());
        keyword(doc, CALL_IDENTIFIER, call.callIdentifier(), false);
        SnippetText snippets = new SnippetText();
        highlighted(doc, snippets, TITLE, call.title());
        highlighted(doc, snippets, DESCRIPTION, call.description());
        snippets.addTo(doc);
        text(doc, CALL_TITLE, call.callTitle());
        text(doc, DESTINATION, call.destination());
        if (call.keywords() != null) {
            call.keywords().forEach(k -> text(doc, KEYWORDS, k));
        }
        keyword(doc, PROGRAMME, call.programme(), true);
        keyword(doc, STATUS, call.status() == null ? null : call.status().name(), true);
        boolean closed = call.status() != null && "CLOSED".equals(call.status().name());
        doc.add(new NumericDocValuesField(STATUS_RANK, closed ? 1 : 0));
        keyword(doc, ACTION_TYPE, call.actionType(), true);
        keyword(doc, CLUSTER, call.cluster(), true);
        keyword(doc, KIND, call.kind() == null ? null : call.kind().name(), true);
        keyword(doc, PARENT_TOPIC, call.parentTopic(), false);
        if (call.deadlines() != null) {
            // multi-valued: a range filter matches when any deadline is in it, a sort can pick the earliest
            call.deadlines().stream().filter(d -> d != null)
                    .forEach(d -> doc.add(new LongField(DEADLINE, epochDay(d), Field.Store.NO)));
        }
        if (call.openingDate() != null) {
            doc.add(new LongField(OPENING_DATE, epochDay(call.openingDate()), Field.Store.NO));
        }
        euros(doc, BUDGET_MIN, call.budgetMin());
        euros(doc, BUDGET_MAX, call.budgetMax());
        return withFacets(doc);
    }

    /** The contact person is personal data and never enters the index. */
    public static Document of(IndexedMember member) {
        Document doc = new Document();
        id(doc, member.id() == null ? null : member.id().toString());
        SnippetText snippets = new SnippetText();
        highlighted(doc, snippets, NAME, member.name());
        nameSort(doc, member.name());
        highlighted(doc, snippets, DESCRIPTION, member.description());
        snippets.addTo(doc);
        texts(doc, KEYWORDS, member.keywords());
        keyword(doc, COUNTRY, member.country(), true);
        keyword(doc, ORGANISATION_TYPE, member.organisationType() == null ? null : member.organisationType().name(), true);
        if (member.programmes() != null) {
            member.programmes().forEach(p -> keyword(doc, PROGRAMME, p, true));
        }
        if (member.sectors() != null) {
            member.sectors().forEach(s -> keyword(doc, SECTOR, s, true));
        }
        return withFacets(doc);
    }

    /** An organisation with its participations: what it did is what a partner search looks for. */
    public static Document of(IndexedOrganisation organisation) {
        Document doc = new Document();
        id(doc, organisation.pic());
        SnippetText snippets = new SnippetText();
        highlighted(doc, snippets, NAME, organisation.name());
        nameSort(doc, organisation.name());
        text(doc, SHORT_NAME, organisation.shortName());
        keyword(doc, COUNTRY, organisation.country(), true);
        keyword(doc, ORGANISATION_TYPE,
                organisation.organisationType() == null ? null : organisation.organisationType().name(), true);
        keyword(doc, SME, String.valueOf(Boolean.TRUE.equals(organisation.sme())), true);
        if (organisation.participations() != null) {
            for (IndexedOrganisation.Participation p : organisation.participations()) {
                text(doc, ACRONYM, p.acronym());
                highlighted(doc, snippets, PROJECT_TITLE, p.title());
                highlighted(doc, snippets, OBJECTIVE, p.objective());
                text(doc, TOPIC_TITLE, p.topicTitle());
                keyword(doc, TOPIC, p.topic(), false);
                texts(doc, SCIENCE_FIELD, p.scienceFields());
            }
        }
        snippets.addTo(doc);
        doc.add(new NumericDocValuesField(PARTICIPATION_COUNT, organisation.participationCount()));
        return withFacets(doc);
    }

    private static void nameSort(Document doc, String name) {
        doc.add(new SortedDocValuesField(NAME_SORT, new BytesRef(name == null ? "" : name.toLowerCase(Locale.ROOT))));
    }

    static long epochDay(LocalDate date) {
        return date.toEpochDay();
    }

    private static void id(Document doc, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a document needs an id");
        }
        doc.add(new StringField(ID, id, Field.Store.YES));
        // hits read their id from doc values: a stored-fields read decompresses a whole block per hit
        doc.add(new SortedDocValuesField(ID, new BytesRef(id)));
    }

    private static void keyword(Document doc, String field, String value, boolean facet) {
        if (value == null || value.isBlank()) {
            return;
        }
        doc.add(new StringField(field, value, Field.Store.NO));
        if (facet) {
            doc.add(new SortedSetDocValuesFacetField(field, value));
        }
    }

    private static void text(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void texts(Document doc, String field, Collection<String> values) {
        if (values != null) {
            values.forEach(v -> text(doc, field, v));
        }
    }

    private static void highlighted(Document doc, SnippetText snippets, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new Field(field, value, HIGHLIGHTED_TEXT));
            snippets.add(field, value);
        }
    }

    private static void euros(Document doc, String field, BigDecimal amount) {
        if (amount != null) {
            doc.add(new LongField(field, amount.setScale(0, RoundingMode.HALF_UP).longValue(), Field.Store.NO));
        }
    }

    private static Document withFacets(Document doc) {
        try {
            return FACETS.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // build() only declares it; it does no I/O
        }
    }

    private static FieldType highlightedText() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }
}
