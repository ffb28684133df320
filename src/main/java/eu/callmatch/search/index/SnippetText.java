package eu.callmatch.search.index;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
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

        /**
         * The field's schema from the first segment that has the field: Lucene keeps a field's schema the same in
         * every segment (since 9.0). The original merges every segment's field infos, once per highlighter, and so
         * once per page here: as much CPU as the highlighting itself at 20 segments (JFR, VectorsBenchmark's searches).
         */
        @Override
        protected FieldInfo getFieldInfo(String field) {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
                if (info != null) {
                    return info;
                }
            }
            return null;
        }

        /**
         * As the stored-fields original: at least one document, more while under {@code cacheCharsThreshold}. The
         * documents come in order, so each segment's doc values are opened once per field (each opening allocates a
         * buffer as long as the segment's longest text).
         */
        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter,
                                                       int cacheCharsThreshold) throws IOException {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            List<CharSequence[]> values = new ArrayList<>();
            LeafReaderContext open = null;
            BinaryDocValues[] texts = new BinaryDocValues[fields.length];
            long chars = 0;
            do {
                int doc = docIter.nextDoc();
                if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                if (leaf != open) {
                    for (int f = 0; f < fields.length; f++) {
                        texts[f] = leaf.reader().getBinaryDocValues(of(fields[f]));
                    }
                    open = leaf;
                }
                int target = doc - leaf.docBase;
                CharSequence[] byField = new CharSequence[fields.length];
                for (int f = 0; f < fields.length; f++) {
                    BinaryDocValues text = texts[f];
                    if (text != null && text.docID() >= target) { // cannot go back: opened again
                        text = texts[f] = leaf.reader().getBinaryDocValues(of(fields[f]));
                    }
                    if (text != null && text.advanceExact(target)) {
                        byField[f] = text.binaryValue().utf8ToString();
                        chars += byField[f].length();
                    }
                }
                values.add(byField);
            } while (chars <= cacheCharsThreshold && cacheCharsThreshold != 0);
            return values;
        }
    }

    /**
     * Lucene's passage scoring (BM25 over the passage, its defaults), computed without its per-passage hash of the
     * matched terms: that hash allocates a 32 KB block for every passage scored, a fifth of all a search allocated.
     * A passage's matches are few, so a term's earlier match is looked for among them (in a passage with more, Lucene
     * scores it). The score is the same to the bit: the terms are summed in the order of their first match, as the
     * hash numbers them.
     */
    static final class Scorer extends PassageScorer {

        static final Scorer INSTANCE = new Scorer();

        private Scorer() {
        }

        /** Beyond this many matches (a long passage without sentence breaks), Lucene's own hash is the cheaper. */
        static final int SCANNED_MATCHES = 24;

        @Override
        public float score(Passage passage, int contentLength) {
            BytesRef[] terms = passage.getMatchTerms();
            int matches = passage.getNumMatches();
            if (matches > SCANNED_MATCHES) {
                return super.score(passage, contentLength);
            }
            double score = 0d;
            for (int i = 0; i < matches; i++) {
                if (firstMatch(terms, i) < i) {
                    continue; // counted at its first match
                }
                int inPassage = 1;
                for (int j = i + 1; j < matches; j++) {
                    if (terms[j].bytesEquals(terms[i])) {
                        inPassage++;
                    }
                }
                score += tf(inPassage, passage.getLength())
                        * weight(contentLength, passage.getMatchTermFreqsInDoc()[i]);
            }
            score *= norm(passage.getStartOffset());
            return (float) score;
        }

        private static int firstMatch(BytesRef[] terms, int i) {
            int j = 0;
            while (!terms[j].bytesEquals(terms[i])) {
                j++;
            }
            return j;
        }
    }
}
