package eu.callmatch.search.matching;

import eu.callmatch.search.index.Analyzers;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static eu.callmatch.search.index.SearchFields.ID;
import static eu.callmatch.search.index.SearchFields.TITLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call indexed again (as it is when its vector arrives) leaves a deleted document until a merge drops it, and the
 * document frequencies count that document. Which of a profile's terms are searched must not depend on whether the
 * merge has happened yet.
 */
class KeyTermsTest {

    private static final int CALLS = 100;
    private static final int OTHER_TERMS = KeyTerms.KEY_TERMS;

    @Test
    void theKeyTermsStayTheSameWhileEveryCallLeavesADeletedDocument() throws Exception {
        // one term more than are searched: "common" (in 60 calls, written 20 times) is among them only while its
        // document frequency is set against as many documents as it was counted in
        StringBuilder profile = new StringBuilder("common ".repeat(20));
        for (int t = 1; t <= OTHER_TERMS; t++) {
            profile.append(term(t)).append(' ');
        }
        CallMatchQuery query = new CallMatchQuery(profile.toString(), List.of(), null, List.of(), List.of(), List.of(),
                List.of(), null, CALLS, null);
        try (Directory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(Analyzers.profileText(null))
                     .setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (int d = 0; d < CALLS; d++) {
                writer.addDocument(call(d));
            }
            // a call that stays as it is: a segment whose documents are all deleted would be dropped at once
            Document unchanged = new Document();
            unchanged.add(new StringField(ID, "C-unchanged", Field.Store.NO));
            unchanged.add(new TextField(TITLE, "unrelated", Field.Store.NO));
            writer.addDocument(unchanged);
            writer.commit();
            Set<String> fresh;
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                fresh = KeyTerms.of(reader, query, Dictionaries.NONE).weights().keySet();
            }
            assertEquals(KeyTerms.KEY_TERMS, fresh.size());
            assertTrue(fresh.contains("common"), "a frequent term the profile repeats is searched: " + fresh);

            for (int d = 0; d < CALLS; d++) {
                writer.updateDocument(new Term(ID, "C-" + d), call(d));
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(CALLS + 1, reader.numDocs());
                assertEquals(2 * CALLS + 1, reader.maxDoc(), "every call's first document is still there, deleted");
                assertEquals(fresh, KeyTerms.of(reader, query, Dictionaries.NONE).weights().keySet());
            }
        }
    }

    /** Call {@code d}: "common" in the first 60, each other term in 30 of the 100. */
    private static Document call(int d) {
        StringBuilder title = new StringBuilder(d < 60 ? "common " : "");
        for (int t = 1; t <= OTHER_TERMS; t++) {
            if ((d + t) % 10 < 3) {
                title.append(term(t)).append(' ');
            }
        }
        Document doc = new Document();
        doc.add(new StringField(ID, "C-" + d, Field.Store.NO));
        doc.add(new TextField(TITLE, title.toString(), Field.Store.NO));
        return doc;
    }

    private static String term(int t) {
        return "term" + (t < 10 ? "0" : "") + t;
    }
}
