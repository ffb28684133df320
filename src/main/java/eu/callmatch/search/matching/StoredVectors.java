package eu.callmatch.search.matching;

import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static eu.callmatch.search.index.SearchFields.*;

/** The semantic side of a ranking: the profile's cosines with the calls' vectors stored in the calls index. */
final class StoredVectors {

    /** With a profile of several sentences, the share of the best sentence's cosine in the semantic score. */
    static final double BEST_PART_WEIGHT = 0.5;

    private StoredVectors() {
    }

    /** The call's stored vector, or null. */
    static float[] storedVector(IndexSearcher searcher, String identifier) throws IOException {
        int doc = CallDocs.docOf(searcher, identifier);
        if (doc < 0) {
            return null;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(CALL_VECTOR);
        if (values == null || values.advance(doc - leaf.docBase) != doc - leaf.docBase) {
            return null;
        }
        return values.vectorValue().clone();
    }

    /** Whether any call of the index has its vector yet. */
    static boolean hasVectors(IndexReader reader) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            if (leaf.reader().getFloatVectorValues(CALL_VECTOR) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The semantic score of every candidate, from the stored vectors: the cosine with the profile, blended with the
     * best cosine of its sentences when it has several.
     */
    static void dense(IndexReader reader, float[] vector, List<float[]> parts,
                              Map<Integer, double[]> candidates) throws IOException {
        int[] docs = candidates.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] cosines = cosines(reader, vector, parts, docs);
        for (int i = 0; i < docs.length; i++) {
            candidates.get(docs[i])[0] = cosines[i];
        }
    }

    /**
     * The profile's cosine with each document's vector (sorted documents; NaN without one); with sentences, blended
     * with the best sentence's.
     */
    static double[] cosines(IndexReader reader, float[] vector, List<float[]> parts, int[] docs)
            throws IOException {
        double[] out = new double[docs.length];
        java.util.Arrays.fill(out, Double.NaN);
        List<LeafReaderContext> leaves = reader.leaves();
        FloatVectorValues values = null;
        int leafIndex = -1;
        for (int i = 0; i < docs.length; i++) {
            int li = ReaderUtil.subIndex(docs[i], leaves);
            LeafReaderContext leaf = leaves.get(li);
            if (li != leafIndex) {
                values = leaf.reader().getFloatVectorValues(CALL_VECTOR);
                leafIndex = li;
            }
            if (values == null) {
                continue;
            }
            int target = docs[i] - leaf.docBase;
            int at = values.docID() >= target ? values.docID() : values.advance(target);
            if (at == target) {
                float[] v = values.vectorValue();
                double cos = TextEmbedder.cosine(v, vector);
                if (!parts.isEmpty()) {
                    double best = -1;
                    for (float[] part : parts) {
                        best = Math.max(best, TextEmbedder.cosine(v, part));
                    }
                    cos = (1 - BEST_PART_WEIGHT) * cos + BEST_PART_WEIGHT * best;
                }
                out[i] = cos;
            }
        }
        return out;
    }
}
