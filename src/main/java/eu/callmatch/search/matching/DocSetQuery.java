package eu.callmatch.search.matching;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;

/**
 * A set of documents of one reader, as a filter: the hard filters of a request evaluated once and reused by its
 * dozen searches. Valid only with the reader it was built from; never
 * cached. A filter given as bit sets lets a vector search take them as they are, without re-evaluating the filter.
 */
final class DocSetQuery extends Query {

    private final IndexReader reader;
    private final FixedBitSet[] leaves;
    private final int[] cardinalities;
    private final long count;

    private DocSetQuery(IndexReader reader, FixedBitSet[] leaves) {
        this.reader = reader;
        this.leaves = leaves;
        this.cardinalities = new int[leaves.length];
        long n = 0;
        for (int i = 0; i < leaves.length; i++) {
            cardinalities[i] = leaves[i] == null ? 0 : leaves[i].cardinality();
            n += cardinalities[i];
        }
        this.count = n;
    }

    /** The live documents that match {@code query}. */
    static DocSetQuery of(IndexSearcher searcher, Query query) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        FixedBitSet[] leaves = new FixedBitSet[reader.leaves().size()];
        searcher.search(query, new SimpleCollector() {
            private FixedBitSet bits;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
                bits = new FixedBitSet(context.reader().maxDoc());
                leaves[context.ord] = bits;
            }

            @Override
            public void collect(int doc) {
                bits.set(doc);
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return new DocSetQuery(reader, leaves);
    }

    /** Whether the set holds document {@code doc} of the leaf {@code ord}. */
    boolean contains(int ord, int doc) {
        FixedBitSet bits = leaves[ord];
        return bits != null && bits.get(doc);
    }

    /** How many documents are in the set. */
    long count() {
        return count;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        if (searcher.getIndexReader() != reader) {
            throw new IllegalStateException("a document set is valid only with the reader it was built from");
        }
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) {
                FixedBitSet bits = leaves[context.ord];
                if (bits == null || cardinalities[context.ord] == 0) {
                    return null;
                }
                return new ConstantScoreScorer(this, score(), scoreMode,
                        new BitSetIterator(bits, cardinalities[context.ord]));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "DocSetQuery(" + count + " documents)";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
