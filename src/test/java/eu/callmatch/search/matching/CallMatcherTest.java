package eu.callmatch.search.matching;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallDto;
import eu.callmatch.search.index.Documents;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ranking keeps per index version what does not depend on the profile (filtered documents, term lookups): a
 * write must show at once, and the candidates must still come from every field when there are no vectors.
 */
class CallMatcherTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 8, 1);
    private static final List<String> APPLICABLE = List.of("OPEN", "FORTHCOMING");

    @TempDir
    Path root;

    @Test
    void aCallWrittenAfterARankingCountsInTheNext() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            write(index, call("HORIZON-T-01", "Offshore wind turbines for deep waters", "Floating foundations.",
                    CallStatus.OPEN), axis(0));
            write(index, call("HORIZON-T-02", "Urban mobility", "Bus lanes and cycling.", CallStatus.OPEN), axis(1));
            write(index, call("HORIZON-T-03", "Offshore wind farms, closed", "Cables.", CallStatus.CLOSED), axis(0));

            CallMatcher.Result first = CallMatcher.match(index, query(null), 10);
            assertEquals(2, first.total(), "the closed call is filtered out");
            assertEquals("HORIZON-T-01", first.matches().get(0).identifier());
            assertEquals(List.of("offshore", "turbine", "wind"), first.matches().get(0).matchedTerms().get("title").stream()
                    .sorted().toList());
            assertEquals(first.matches().stream().map(CallMatch::identifier).toList(),
                    CallMatcher.match(index, query(null), 10).matches().stream().map(CallMatch::identifier).toList(),
                    "the same ranking from the kept lookups");

            write(index, call("HORIZON-T-04", "Offshore wind turbine blades", "Recycling.", CallStatus.OPEN), axis(0));
            CallMatcher.Result second = CallMatcher.match(index, query(null), 10);
            assertEquals(3, second.total(), "the new call passes the filters kept for the old index version");
            assertTrue(ids(second).contains("HORIZON-T-04"), "and is ranked: " + ids(second));
        }
    }

    @Test
    void withoutVectorsACallMatchingOnlyInItsDescriptionIsFound() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            write(index, call("HORIZON-D-01", "Marine renewable energy", "Offshore wind turbines on floating "
                    + "platforms, offshore wind farm maintenance.", CallStatus.OPEN), null);
            write(index, call("HORIZON-D-02", "Urban mobility", "Bus lanes and cycling.", CallStatus.OPEN), null);

            CallMatcher.Result result = CallMatcher.match(index, query(null), 10);

            assertEquals(List.of("HORIZON-D-01"), ids(result));
            assertFalse(result.matches().get(0).matchedTerms().get("description").isEmpty());
        }
    }

    @Test
    void withVectorsTheMinorFieldsScoreTheCandidates() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            // the same vector for both: only the text tells them apart, the description's mention counts a little
            write(index, call("HORIZON-V-01", "Marine energy", "Offshore wind turbines.", CallStatus.OPEN), axis(0));
            write(index, call("HORIZON-V-02", "Marine energy", "Tidal stream generators.", CallStatus.OPEN), axis(0));

            // with the hand-set weights a mention in the description counts a little; the learned ones may weigh it
            // either way, but it must count
            CallMatcher.Result result = CallMatcher.match(index, query(axis(0)), 10, CallRanker.UNLEARNED);
            CallMatcher.Result learned = CallMatcher.match(index, query(axis(0)), 10, CallRanker.learned());

            assertEquals(List.of("HORIZON-V-01", "HORIZON-V-02"), ids(result));
            assertTrue(result.matches().get(0).score() > result.matches().get(1).score(), result.matches().toString());
            assertTrue(learned.matches().get(0).score() != learned.matches().get(1).score(), learned.matches().toString());
            assertEquals(List.of("offshore", "turbine", "wind"), // stemmed
                    result.matches().get(0).matchedTerms().get("description").stream().sorted().toList());
        }
    }

    @Test
    void aProfileStillBeingEmbeddedIsRankedAsOneWhoseVectorsWereGiven() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            // the titles bring two candidates before the profile's vector is there; the vector brings the others,
            // one of which has the profile's words in its description only
            write(index, call("HORIZON-E-01", "Offshore wind turbines", "Blades.", CallStatus.OPEN), axis(1));
            write(index, call("HORIZON-E-02", "Wind turbine noise", "Onshore sites.", CallStatus.OPEN), axis(2));
            write(index, call("HORIZON-E-03", "Marine energy", "Offshore wind farm maintenance.", CallStatus.OPEN),
                    axis(0));
            write(index, call("HORIZON-E-04", "Urban mobility", "Bus lanes.", CallStatus.OPEN), axis(3));
            float[] profile = new float[TextEmbedder.DIMENSIONS];
            profile[0] = 0.8f;
            profile[1] = 0.6f;

            CallMatcher.Result given = CallMatcher.match(index, query(profile), 10, CallRanker.learned());
            // told 300 ms later: the words are searched meanwhile
            java.util.concurrent.CompletableFuture<TextEmbedder.Vectors> later = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> new TextEmbedder.Vectors(profile, List.of()), java.util.concurrent
                            .CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS));
            CallMatcher.Result told = CallMatcher.match(index, query(null), later, 10, CallRanker.learned(),
                    Dictionaries.NONE);

            assertEquals(4, given.matches().size(), given.matches().toString());
            assertEquals(List.of("offshore", "wind"), given.matches().stream()
                    .filter(m -> m.identifier().equals("HORIZON-E-03")).findFirst().orElseThrow()
                    .matchedTerms().get("description").stream().sorted().toList());
            assertEquals(given.matches(), told.matches(), "scores, terms and order alike");
        }
    }

    @Test
    void aCallWhoseVectorIsStillBeingComputedIsFoundByItsWordsInAnyField() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            write(index, call("HORIZON-P-01", "Offshore wind turbines", "Blades.", CallStatus.OPEN), axis(0));
            write(index, call("HORIZON-P-02", "Urban mobility", "Bus lanes.", CallStatus.OPEN), axis(1));
            // not the vectors' nearest (it has none yet), nor in the title's best: its description brings it
            write(index, call("HORIZON-P-03", "Marine energy", "Offshore wind farm maintenance.", CallStatus.OPEN),
                    null);

            CallMatcher.Result result = CallMatcher.match(index, query(axis(0)), 10, CallRanker.learned());

            CallMatch pending = result.matches().stream().filter(m -> m.identifier().equals("HORIZON-P-03"))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + ids(result)));
            assertEquals(List.of("offshore", "wind"), pending.matchedTerms().get("description").stream().sorted()
                    .toList());
        }
    }

    private static CallMatchQuery query(float[] vector) {
        return new CallMatchQuery("Offshore wind turbines", List.of(), vector, List.of(), APPLICABLE, List.of(),
                List.of(), TODAY, 300);
    }

    private static void write(LuceneIndex index, CallDto call, float[] vector) throws Exception {
        index.waitFor(index.update(call.identifier(), Documents.of(call, vector)));
    }

    private static List<String> ids(CallMatcher.Result result) {
        return result.matches().stream().map(CallMatch::identifier).toList();
    }

    private static float[] axis(int i) {
        float[] v = new float[TextEmbedder.DIMENSIONS];
        v[i] = 1;
        return v;
    }

    @Test
    void withoutVectorsTheLearnedRankingGivesWayToTheHandSetFusionOfTheWords() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            // the same title; one says more of the profile in its description
            write(index, call("HORIZON-W-01", "Offshore wind turbines", "Urban mobility.", CallStatus.OPEN), null);
            write(index, call("HORIZON-W-02", "Offshore wind turbines", "Offshore wind turbines on floating "
                    + "platforms.", CallStatus.OPEN), null);

            // the learned weights count a description's match against a call (they were learned beside the cosine,
            // which no call has here): the words alone must still put the call that says more first
            assertEquals(List.of("HORIZON-W-02", "HORIZON-W-01"),
                    ids(CallMatcher.match(index, query(null), 10, CallRanker.learned())));
        }
    }

    @Test
    void aMembersOwnTypesOfActionAreReadFromTheCallsItTookPartIn() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            write(index, call("HORIZON-P-01", "Offshore wind pilots", "Demonstrators.", CallStatus.CLOSED, "HORIZON-IA"),
                    null);
            // updated: its first copy is deleted in the segment, the live one must be read
            write(index, call("HORIZON-P-01", "Offshore wind pilot lines", "Demonstrators.", CallStatus.CLOSED,
                    "HORIZON-IA"), null);
            write(index, call("HORIZON-Q-01", "Offshore wind turbines, innovation", "Pilots.", CallStatus.OPEN,
                    "HORIZON-IA"), null);
            write(index, call("HORIZON-Q-02", "Offshore wind turbines, research", "Models.", CallStatus.OPEN,
                    "HORIZON-RIA"), null);
            MemberRecord record = new MemberRecord(List.of(new MemberRecord.Participation("HORIZON-P-01", "PILOT"),
                    new MemberRecord.Participation("HORIZON-GONE-01", "OLD")), List.of());

            CallMatcher.Features features = CallMatcher.features(index, new CallMatchQuery("Offshore wind turbines",
                    List.of(), null, List.of(), APPLICABLE, List.of(), List.of(), TODAY, 300, record));

            List<String> ids = List.of(features.ids());
            assertEquals(1, features.rows()[ids.indexOf("HORIZON-Q-01")][CallRanker.OWN_ACTION],
                    "its one known participation was an innovation action; the unknown topic does not count");
            assertEquals(0, features.rows()[ids.indexOf("HORIZON-Q-02")][CallRanker.OWN_ACTION]);
            assertEquals(1, features.rows()[ids.indexOf("HORIZON-Q-02")][CallRanker.RESEARCH]);
        }
    }

    @Test
    void keyTermsSoughtTogetherAreWhereLuceneFindsThemOneByOne() throws Exception {
        // three segments (no merging), one with a deleted document, and terms in some segments, all or none
        try (org.apache.lucene.store.Directory dir = new org.apache.lucene.store.ByteBuffersDirectory();
             org.apache.lucene.index.IndexWriter writer = new org.apache.lucene.index.IndexWriter(dir,
                     new org.apache.lucene.index.IndexWriterConfig(new org.apache.lucene.analysis.core
                             .WhitespaceAnalyzer()).setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE))) {
            String[][] segments = {{"wind wind turbine", "tidal energy"}, {"wind farm", "solar"},
                    {"turbine blade recycling", "wind turbine turbine"}};
            int n = 0;
            for (String[] segment : segments) {
                for (String text : segment) {
                    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
                    doc.add(new org.apache.lucene.document.StringField("id", "d" + n++,
                            org.apache.lucene.document.Field.Store.NO));
                    doc.add(new org.apache.lucene.document.TextField("title", text,
                            org.apache.lucene.document.Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.commit();
            }
            writer.deleteDocuments(new org.apache.lucene.index.Term("id", "d3"));
            writer.commit();
            try (org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(dir)) {
                org.apache.lucene.search.IndexSearcher searcher = new org.apache.lucene.search.IndexSearcher(reader);
                assertEquals(3, reader.leaves().size());
                // not in term order, one unknown, one in the deleted document's segment only
                List<String> terms = List.of("wind", "zeppelin", "turbine", "solar", "blade", "energy");

                org.apache.lucene.index.TermStates[] together = IndexVersionCache.termStates(searcher, "title", terms);
                org.apache.lucene.index.TermStates[] kept = IndexVersionCache.termStates(searcher, "title", terms);

                for (int t = 0; t < terms.size(); t++) {
                    org.apache.lucene.index.Term term = new org.apache.lucene.index.Term("title", terms.get(t));
                    org.apache.lucene.index.TermStates alone = org.apache.lucene.index.TermStates.build(searcher, term,
                            true);
                    assertEquals(alone.docFreq(), together[t].docFreq(), terms.get(t));
                    assertEquals(alone.totalTermFreq(), together[t].totalTermFreq(), terms.get(t));
                    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
                        assertEquals(alone.get(leaf) == null, together[t].get(leaf) == null,
                                terms.get(t) + " in segment " + leaf.ord);
                    }
                    assertEquals(java.util.Arrays.toString(scores(searcher, new org.apache.lucene.search.TermQuery(
                                    term))), java.util.Arrays.toString(scores(searcher,
                                    new org.apache.lucene.search.TermQuery(term, together[t]))), terms.get(t));
                    assertTrue(kept[t] == together[t], "the second lookup is the kept one: " + terms.get(t));
                }
                assertEquals(3, together[0].docFreq(), "wind: in every segment");
                assertEquals(0, together[1].docFreq(), "zeppelin: nowhere");
            }
        }
    }

    private static String[] scores(org.apache.lucene.search.IndexSearcher searcher,
                                   org.apache.lucene.search.Query query) throws java.io.IOException {
        return java.util.Arrays.stream(searcher.search(query, 10).scoreDocs).map(d -> d.doc + ":" + d.score)
                .toArray(String[]::new);
    }

    private static CallDto call(String id, String title, String description, CallStatus status) {
        return call(id, title, description, status, "HORIZON-RIA");
    }

    private static CallDto call(String id, String title, String description, CallStatus status, String action) {
        return new CallDto(id, id.substring(0, id.lastIndexOf('-')), title, null, "Horizon Europe", null, null,
                action, status, LocalDate.of(2026, 1, 1), List.of(LocalDate.of(2026, 9, 1)), null, null,
                null, null, null, description, List.of(), null, null, null, null, null, null, null);
    }
}
