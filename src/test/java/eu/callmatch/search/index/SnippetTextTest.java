package eu.callmatch.search.index;

import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snippets read from doc values are those the stock highlighter cuts from stored fields: the same text, joined
 * and cut the same way, so that the offsets in the postings point into it; and the passages are scored as the stock
 * scorer scores them.
 */
class SnippetTextTest {

    private static final String[] FIELDS = {"title", "description"};
    private static final FieldType STORED = stored();

    @Test
    void realCallsGetTheSnippetsTheStoredFieldsWouldGive() throws IOException {
        List<CallDto> calls = TestData.calls(TestData.DEMO_CALLS);
        try (Directory dir = new ByteBuffersDirectory()) {
            // segments of seven: a segment's doc values serve the hits in it, in order
            index(dir, calls.stream().map(c -> List.of(List.of(c.title()), List.of(c.description()))).toList(), 7);
            int compared = 0;
            for (String words : List.of("offshore wind", "hydrogen storage", "artificial intelligence", "water",
                    "cultural heritage", "batteries", "SMEs", "health data")) {
                compared += compare(dir, words);
            }
            assertTrue(compared > 50, "snippets compared: " + compared);
        }
    }

    @Test
    void multiValuedAndLongTextsAreJoinedAndCutAsTheHighlighterDoes() throws IOException {
        String filler = "Ports and ships need cleaner fuels. ".repeat(1_400); // ~50,000 characters
        String near = filler.substring(0, SnippetText.MAX_LENGTH - 40) + " The robots inspect hulls. ";
        try (Directory dir = new ByteBuffersDirectory()) {
            index(dir, List.of(
                    List.of(List.of("Hull cleaning", "Underwater robots"),
                            List.of("Divers clean hulls.", "Robots clean ship hulls in ports.")),
                    List.of(List.of("Long text"), List.of(near + "Far beyond: robots again.")),
                    List.of(List.of("Two long values"), List.of(filler, "Robots in the second value.")),
                    List.of(List.of("No description"), List.of())));
            assertTrue(compare(dir, "robots") >= 3);
            assertTrue(compare(dir, "ports") >= 3);
            assertEquals(7, compare(dir, null)); // no match: the start of every text there is
        }
    }

    @Test
    void aValueIsCutAtTheMaximumLengthAndValuesAreSeparated() {
        SnippetText text = new SnippetText();
        text.add("description", "x".repeat(SnippetText.MAX_LENGTH + 10));
        text.add("description", "never read");
        text.add("title", "One");
        text.add("title", "Two");
        Document doc = new Document();
        text.addTo(doc);
        assertEquals(SnippetText.MAX_LENGTH,
                doc.getBinaryValue(SnippetText.of("description")).utf8ToString().length());
        assertEquals("One\u0000Two", doc.getBinaryValue(SnippetText.of("title")).utf8ToString());
        assertNull(doc.getBinaryValue(SnippetText.of("name")));
    }

    @Test
    void passagesScoreAsLucenesScorerScoresThem() {
        java.util.Random random = new java.util.Random(7);
        org.apache.lucene.search.uhighlight.PassageScorer lucene = new org.apache.lucene.search.uhighlight.PassageScorer();
        List<org.apache.lucene.util.BytesRef> vocabulary = List.of("wind", "offshore", "turbine", "hydrogen", "port")
                .stream().map(org.apache.lucene.util.BytesRef::new).toList();
        for (int p = 0; p < 2_000; p++) {
            org.apache.lucene.search.uhighlight.Passage passage = new org.apache.lucene.search.uhighlight.Passage();
            int start = random.nextInt(5_000);
            int end = start + 1_500;
            passage.setStartOffset(start);
            passage.setEndOffset(end);
            int at = start;
            // up to twice as many as the scorer scans (more are left to Lucene's)
            for (int m = 0, matches = 1 + random.nextInt(2 * SnippetText.Scorer.SCANNED_MATCHES); m < matches; m++) {
                at += 1 + random.nextInt(20);
                org.apache.lucene.util.BytesRef term = vocabulary.get(random.nextInt(vocabulary.size()));
                // a term's frequency in the document is the same at each of its matches, as the postings give it
                passage.addMatch(at, at + term.length, org.apache.lucene.util.BytesRef.deepCopyOf(term),
                        1 + Math.floorMod(term.hashCode() + p, 40));
                at += term.length;
            }
            int contentLength = end + random.nextInt(20_000);
            assertEquals(Float.floatToIntBits(lucene.score(passage, contentLength)),
                    Float.floatToIntBits(SnippetText.Scorer.INSTANCE.score(passage, contentLength)), passage.toString());
        }
    }

    @Test
    void eachSegmentsTextsAreReadFromItsOwnDocValues() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            // two segments of five; the hits are the second of the first and the fourth of the second
            List<List<List<String>>> docs = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                docs.add(List.of(List.of("Call " + i), List.of(i == 1 || i == 8 ? "Robots clean hulls, call " + i + "."
                        : "Ports and ships, call " + i + ".")));
            }
            index(dir, docs, 5);
            assertEquals(4, compare(dir, "robots")); // the titles' starts, and the descriptions' matches
        }
    }

    @Test
    void aFieldsSchemaIsThatOfTheFirstSegmentWithTheField() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            // a segment each; the first two have no description
            index(dir, List.of(List.of(List.of("Hull cleaning"), List.of()), List.of(List.of("Port robots"), List.of()),
                    List.of(List.of("Robots"), List.of("Robots clean hulls."))), 1);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(3, reader.leaves().size());
                SnippetText.Highlighter highlighter = new SnippetText.Highlighter(builder(new IndexSearcher(reader)));
                FieldInfos merged = FieldInfos.getMergedFieldInfos(reader);
                for (String field : FIELDS) {
                    FieldInfo info = highlighter.getFieldInfo(field);
                    assertEquals(field, info.getName());
                    assertEquals(merged.fieldInfo(field).getIndexOptions(), info.getIndexOptions(), field);
                    assertEquals(merged.fieldInfo(field).hasVectors(), info.hasVectors(), field);
                }
                assertNull(highlighter.getFieldInfo("nowhere"));
            }
            assertEquals(3, compare(dir, "robots")); // two titles, one description
        }
    }

    /** Documents of {title values, description values}, each field both stored and with its snippet text. */
    private static void index(Directory dir, List<List<List<String>>> docs) throws IOException {
        index(dir, docs, 1);
    }

    /** As {@link #index(Directory, List)}, a segment for every {@code perSegment} documents. */
    private static void index(Directory dir, List<List<List<String>>> docs, int perSegment) throws IOException {
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(Analyzers.PER_FIELD)
                .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE))) {
            for (List<List<String>> fields : docs) {
                Document doc = new Document();
                SnippetText snippets = new SnippetText();
                for (int f = 0; f < FIELDS.length; f++) {
                    for (String value : fields.get(f)) {
                        if (value != null && !value.isBlank()) {
                            doc.add(new Field(FIELDS[f], value, STORED));
                            snippets.add(FIELDS[f], value);
                        }
                    }
                }
                snippets.addTo(doc);
                writer.addDocument(doc);
                if (writer.getDocStats().maxDoc % perSegment == 0) {
                    writer.commit(); // several segments: hits are looked up in their own
                }
            }
        }
    }

    /** How many of the hits had a snippet, after checking that both highlighters give the same ones. */
    private static int compare(Directory dir, String words) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Query query = words == null ? new MatchAllDocsQuery()
                    : UserQueries.toQuery(words, IndexKind.CALLS);
            ScoreDoc[] top = searcher.search(query, 100).scoreDocs;
            int[] docIds = Arrays.stream(top).mapToInt(sd -> sd.doc).toArray();
            int[] passages = {1, 1};
            Map<String, String[]> stored = builder(searcher).build()
                    .highlightFields(FIELDS, query, docIds, passages);
            Map<String, String[]> fromDocValues = new SnippetText.Highlighter(builder(searcher)
                    .withScorer(SnippetText.Scorer.INSTANCE)).highlightFields(FIELDS, query, docIds, passages);
            int snippets = 0;
            for (String field : FIELDS) {
                assertArrayEquals(stored.get(field), fromDocValues.get(field), field + " for " + words);
                snippets += (int) Arrays.stream(stored.get(field)).filter(s -> s != null).count();
            }
            return snippets;
        }
    }

    private static UnifiedHighlighter.Builder builder(IndexSearcher searcher) {
        return UnifiedHighlighter.builder(searcher, Analyzers.PER_FIELD)
                .withFormatter(new SnippetFormatter())
                .withMaxLength(SnippetText.MAX_LENGTH)
                .withBreakIterator(SentenceBreaks::new)
                .withWeightMatches(false);
    }

    private static FieldType stored() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }
}
