package eu.callmatch.search.index;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text a snippet is cut from, kept in binary doc values beside the field it highlights, and read back by
 * {@link Highlighter}. A search reads it for each hit on the page: a stored field would have its compressed block
 * (many documents' worth) decompressed per hit, which was half of a search's time in the calls index.
 *
 * <p>The text is what {@link UnifiedHighlighter} would read from stored fields: the field's values joined by its
 * separator, cut at {@link #MAX_LENGTH}, so that the offsets in the postings point into it.
 */
final class SnippetText {

    /** Matches further into a long text than this are not looked for by the highlighter. */
    static final int MAX_LENGTH = 50_000;
    /** The highlighter's separator between a multi-valued field's values (its {@code MULTIVAL_SEP_CHAR}). */
    private static final char SEPARATOR = '\u0000';

    private final Map<String, StringBuilder> texts = new LinkedHashMap<>();

    /** The doc-values field holding {@code field}'s snippet text. */
    static String of(String field) {
        return field + ".snippet";
    }

    /** Adds a value of {@code field}, after those added before, within {@link #MAX_LENGTH}. */
    void add(String field, String value) {
        StringBuilder text = texts.get(field);
        if (text == null) {
            texts.put(field, new StringBuilder(value.substring(0, Math.min(MAX_LENGTH, value.length()))));
            return;
        }
        int budget = MAX_LENGTH - text.length();
        if (budget > 0) {
            text.append(SEPARATOR).append(value, 0, Math.min(budget - 1, value.length()));
        }
    }

    void addTo(Document doc) {
        texts.forEach((field, text) -> doc.add(new BinaryDocValuesField(of(field), new BytesRef(text))));
    }

    /** A highlighter that reads the snippet text from the doc values, not from stored fields. */
    static final class Highlighter extends UnifiedHighlighter {

        Highlighter(Builder builder) {
            super(builder);
        }

        /** As the stored-fields original: at least one document, more while under {@code cacheCharsThreshold}. */
        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter,
                                                       int cacheCharsThreshold) throws IOException {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            List<CharSequence[]> values = new ArrayList<>();
            long chars = 0;
            do {
                int doc = docIter.nextDoc();
                if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                CharSequence[] byField = new CharSequence[fields.length];
                for (int f = 0; f < fields.length; f++) {
                    BinaryDocValues text = leaf.reader().getBinaryDocValues(of(fields[f]));
                    if (text != null && text.advanceExact(doc - leaf.docBase)) {
                        byField[f] = text.binaryValue().utf8ToString();
                        chars += byField[f].length();
                    }
                }
                values.add(byField);
            } while (chars <= cacheCharsThreshold && cacheCharsThreshold != 0);
            return values;
        }
    }
}
