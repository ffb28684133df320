package eu.callmatch.search.matching;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static eu.callmatch.search.index.SearchFields.*;

/**
 * What a ranking reads of the calls' documents by number: their ids, types of action and areas, from tables made
 * once per segment; and a call's document by its id.
 */
final class CallDocs {

    /** Per segment (its core, which deletions do not change), the id of each document. */
    private static final Map<IndexReader.CacheKey, String[]> SEGMENT_IDS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per segment, the type of action of each document (null: none). */
    private static final Map<IndexReader.CacheKey, String[]> SEGMENT_ACTIONS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per segment, the area of each document's identifier. */
    private static final Map<IndexReader.CacheKey, String[]> SEGMENT_AREAS = new java.util.concurrent.ConcurrentHashMap<>();

    private CallDocs() {
    }

    /** The document of the call with this identifier, or -1. */
    static int docOf(IndexSearcher searcher, String identifier) throws IOException {
        TopDocs hit = searcher.search(new TermQuery(new Term(ID, identifier)), 1);
        return hit.scoreDocs.length == 0 ? -1 : hit.scoreDocs[0].doc;
    }

    /** The id and the type of action (or null) of the documents, from their segments' tables. */
    static Map<Integer, String[]> ids(IndexReader reader, java.util.Set<Integer> docs) throws IOException {
        Map<Integer, String[]> ids = new HashMap<>(docs.size() * 2);
        List<LeafReaderContext> leaves = reader.leaves();
        for (int doc : docs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            String id = segmentIds(leaf.reader())[doc - leaf.docBase];
            if (id == null) {
                throw new IllegalStateException("document " + doc + " has no id");
            }
            ids.put(doc, new String[]{id, segmentActions(leaf.reader())[doc - leaf.docBase]});
        }
        return ids;
    }

    /** A table of a segment's documents: made once, kept in {@code cache} until the segment closes. */
    private interface SegmentTable {
        String[] read(LeafReader segment) throws IOException;
    }

    private static String[] perSegment(Map<IndexReader.CacheKey, String[]> cache, LeafReader segment,
                                       SegmentTable table) throws IOException {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        String[] values = helper == null ? null : cache.get(helper.getKey());
        if (values == null) {
            values = table.read(segment);
            // the searcher holds the segment open: it cannot close before its listener is added
            if (helper != null && cache.putIfAbsent(helper.getKey(), values) == null) {
                helper.addClosedListener(cache::remove);
            }
        }
        return values;
    }

    /**
     * The id of every document of a segment, read once in term order and dropped when the segment closes: a
     * ranking needs the ids of all its candidates (several hundred) for the area feedback, and looking each up in
     * the doc values decompresses a block of them.
     */
    private static String[] segmentIds(LeafReader segment) throws IOException {
        return perSegment(SEGMENT_IDS, segment, s -> {
            String[] ids = new String[s.maxDoc()];
            SortedDocValues values = DocValues.getSorted(s, ID);
            String[] byOrd = new String[values.getValueCount()];
            TermsEnum terms = values.termsEnum();
            for (int ord = 0; terms.next() != null; ord++) {
                byOrd[ord] = terms.term().utf8ToString();
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                ids[doc] = byOrd[values.ordValue()];
            }
            return ids;
        });
    }

    /** The type of action of every document of a segment, from the postings of its few values. */
    private static String[] segmentActions(LeafReader segment) throws IOException {
        return perSegment(SEGMENT_ACTIONS, segment, s -> {
            String[] actions = new String[s.maxDoc()];
            Terms terms = s.terms(ACTION_TYPE);
            if (terms == null) {
                return actions;
            }
            TermsEnum values = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef value = values.next(); value != null; value = values.next()) {
                String action = value.utf8ToString();
                postings = values.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    actions[doc] = action;
                }
            }
            return actions;
        });
    }

    /** The area of every document's identifier in a segment (for the record's candidates), from its ids. */
    static String[] segmentAreas(LeafReader segment) throws IOException {
        return perSegment(SEGMENT_AREAS, segment, s -> {
            String[] ids = segmentIds(s);
            String[] areas = new String[ids.length];
            for (int doc = 0; doc < ids.length; doc++) {
                areas[doc] = ids[doc] == null ? null : RecordCandidates.areaKey(ids[doc]);
            }
            return areas;
        });
    }
}
