package eu.callmatch.search.index;

import eu.callmatch.common.concurrent.BackgroundPriority;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One index (of one {@link IndexKind}) on disk: a writer, near-real-time searchers refreshed by a background
 * thread, and rebuilds into a fresh directory swapped in whole.
 *
 * <p>Layout under the root: {@code <kind>-<millis>/} directories, and {@code <kind>.current} naming the live one.
 * Refresh (visibility, about every second, at once for a {@link #waitFor}) is not commit (durability): call
 * {@link #commit} on a timer; {@link #close} commits too. The index is derived data: whatever is missing or
 * unreadable at {@link #open} is replaced by an empty index that {@link #needsRebuild} reports.
 *
 * <p>Thread-safe. Writes may run concurrently with each other, with searches and with a rebuild.
 */
public final class LuceneIndex implements Closeable {

    public static final String SCHEMA_VERSION_KEY = "schemaVersion";
    /** A conventional key for the owner's watermark: the last change (outbox id) the committed index reflects. */
    public static final String LAST_CHANGE_KEY = "lastChangeId";

    private static final Logger LOG = Logger.getLogger(LuceneIndex.class);
    /** A write becomes visible within a second without anyone waiting; within 25 ms when someone waits for it. */
    private static final double MAX_STALE_SECONDS = 1.0;
    private static final double MIN_STALE_SECONDS = 0.025;
    /** A generation is the writer's sequence number, tagged with which writer (epoch) issued it. */
    private static final int EPOCH_SHIFT = 48;
    private static final long SEQUENCE_MASK = (1L << EPOCH_SHIFT) - 1;

    private final Path root;
    private final IndexKind kind;
    private final Pattern ownDirectory;
    /** Writes hold it shared; a swap holds it exclusively so no write falls between the two writers. */
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private volatile Live live;
    private volatile Rebuild rebuild;
    private volatile FacetState facetState;
    private boolean closed;

    /** The writer and searchers of the live directory. */
    private record Live(int epoch, Path path, Directory directory, IndexWriter writer, SearcherManager searchers,
                        ControlledRealTimeReopenThread<IndexSearcher> reopener) {

        /** Reverse order of opening; a live index commits, a swapped-out one is thrown away. */
        void close(boolean commit) throws IOException {
            try {
                reopener.close();
                searchers.close();
                if (commit) {
                    writer.commit();
                    writer.close();
                } else {
                    writer.rollback();
                }
            } finally {
                directory.close();
            }
        }
    }

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
    }

    private LuceneIndex(Path root, IndexKind kind) {
        this.root = root;
        this.kind = kind;
        this.ownDirectory = Pattern.compile(Pattern.quote(kind.directoryPrefix()) + "-\\d+");
    }

    /**
     * Opens the live index of {@code kind} under {@code root} for appending, or, when there is none or it is
     * corrupt or from an unreadable Lucene version, a fresh empty one (then {@link #needsRebuild} is true).
     * Leftover directories (a crashed rebuild, a corrupt index) are deleted.
     */
    public static LuceneIndex open(Path root, IndexKind kind) throws IOException {
        Files.createDirectories(root);
        LuceneIndex index = new LuceneIndex(root, kind);
        Path current = index.currentDirectory();
        Live live = null;
        if (current != null) {
            try (Directory probe = FSDirectory.open(current)) {
                if (DirectoryReader.indexExists(probe)) {
                    live = index.openLive(0, current, OpenMode.APPEND);
                }
            } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException
                     | EOFException | NoSuchFileException | FileNotFoundException e) {
                LOG.warnf("The %s index in %s is unreadable, starting an empty one to rebuild: %s", kind, current, e);
            }
        }
        if (live == null) {
            Path fresh = index.freshDirectory();
            live = index.openLive(0, fresh, OpenMode.CREATE);
            live.writer().commit(); // an empty commit without a schema version: readable, and needs a rebuild
            index.pointTo(fresh);
        }
        index.live = live;
        index.deleteDirectoriesBut(live.path());
        return index;
    }

    public IndexKind kind() {
        return kind;
    }

    /** Adds or replaces the document with this id; returns the generation to {@link #waitFor} to read it. */
    public long update(String id, Document doc) throws IOException {
        Term term = new Term(SearchFields.ID, id);
        swapLock.readLock().lock();
        try {
            Live l = live;
            long sequence = l.writer().updateDocument(term, doc);
            Rebuild r = rebuild;
            if (r != null) {
                r.writer.updateDocument(term, doc); // or the rebuild would lose it at the swap
            }
            return generation(l.epoch(), sequence);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** Deletes the document with this id, if any; returns the generation to {@link #waitFor}. */
    public long delete(String id) throws IOException {
        Term term = new Term(SearchFields.ID, id);
        swapLock.readLock().lock();
        try {
            Live l = live;
            long sequence = l.writer().deleteDocuments(term);
            Rebuild r = rebuild;
            if (r != null) {
                r.writer.deleteDocuments(term);
            }
            return generation(l.epoch(), sequence);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** Blocks until searches see the write that returned {@code generation} (read-your-writes). */
    public void waitFor(long generation) throws InterruptedException {
        Live l = live;
        if ((int) (generation >>> EPOCH_SHIFT) != l.epoch()) {
            return; // issued by a writer swapped out since: the swap made all its writes visible in the new one
        }
        l.reopener().waitForGeneration(generation & SEQUENCE_MASK);
    }

    /** Runs {@code search} on the current searcher, released afterwards; never on a searcher closed by a swap. */
    public <T> T withSearcher(Function<IndexSearcher, T> search) {
        while (true) {
            Live l = live;
            IndexSearcher searcher;
            try {
                searcher = l.searchers().acquire();
            } catch (AlreadyClosedException e) {
                if (live == l) {
                    throw e; // closed for good, not swapped
                }
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return search.apply(searcher);
            } finally {
                release(l, searcher);
            }
        }
    }

    /**
     * Runs a search request.
     *
     * @throws IllegalArgumentException when it filters, facets or sorts on a field this kind does not have
     */
    public SearchResult search(SearchRequest request) {
        return withSearcher(searcher -> {
            try {
                SortedSetDocValuesReaderState facets = request.facets().isEmpty()
                        ? null : facetState(searcher.getIndexReader());
                return IndexSearch.run(kind, searcher, request, facets);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Makes everything written so far durable, with {@code userData} merged over the previous commit's. */
    public void commit(Map<String, String> userData) throws IOException {
        swapLock.readLock().lock();
        try {
            IndexWriter writer = live.writer();
            Map<String, String> merged = new HashMap<>();
            Iterable<Map.Entry<String, String>> previous = writer.getLiveCommitData();
            if (previous != null) {
                previous.forEach(e -> merged.put(e.getKey(), e.getValue()));
            }
            merged.putAll(userData);
            writer.setLiveCommitData(merged.entrySet());
            writer.commit();
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** The user data of the last commit on disk (schema version, watermark); empty when unreadable. */
    public Map<String, String> committedUserData() {
        swapLock.readLock().lock();
        try {
            return Map.copyOf(SegmentInfos.readLatestCommit(live.directory()).getUserData());
        } catch (IOException e) {
            return Map.of();
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /**
     * The segments searches read now, and whether Lucene is merging segments in the background: after a large
     * import, for a minute or so, where merges take a core and searches over many segments are slower.
     */
    public record Segments(int count, boolean merging) {
    }

    public Segments segments() {
        IndexWriter writer = live.writer();
        boolean merging = writer.hasPendingMerges() || !writer.getMergingSegments().isEmpty();
        return new Segments(withSearcher(searcher -> searcher.getIndexReader().leaves().size()), merging);
    }

    /** Documents searches can see now. */
    public int numDocs() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** Documents searches can see now that have a value (a term, a point, a vector) in this field. */
    public int countWithValue(String field) {
        return withSearcher(searcher -> {
            try {
                return searcher.count(new FieldExistsQuery(field));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The vectors ({@code vectorField}) of the documents among {@code hashes}' ids whose stored {@code hashField} is
     * the digest given for them: what they were computed from is unchanged, so they can be taken over. Each id is
     * looked up in each segment's terms, in order, not searched for: an import's 10,000 new calls were as many
     * searches, a fifth of the indexing thread's time during an import (profiled).
     */
    public Map<String, float[]> vectorsWithDigest(Map<String, byte[]> hashes, String vectorField, String hashField) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        List<String> ids = hashes.keySet().stream().sorted().toList(); // a segment's terms are sought in order
        return withSearcher(searcher -> {
            try {
                Map<String, float[]> found = new HashMap<>();
                Set<String> fields = Set.of(hashField);
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    Terms terms = leaf.reader().terms(SearchFields.ID);
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum idTerms = terms.iterator();
                    Bits live = leaf.reader().getLiveDocs();
                    StoredFields storedFields = leaf.reader().storedFields(); // one reader per segment, for all its ids
                    PostingsEnum postings = null;
                    for (String id : ids) {
                        if (!idTerms.seekExact(new BytesRef(id))) {
                            continue;
                        }
                        postings = idTerms.postings(postings, PostingsEnum.NONE);
                        int local = postings.nextDoc();
                        while (local != DocIdSetIterator.NO_MORE_DOCS && live != null && !live.get(local)) {
                            local = postings.nextDoc(); // an id's older versions, deleted, wait here for a merge
                        }
                        if (local == DocIdSetIterator.NO_MORE_DOCS) {
                            continue;
                        }
                        byte[] wanted = hashes.get(id);
                        BytesRef stored = storedFields.document(local, fields).getBinaryValue(hashField);
                        if (stored == null || !Arrays.equals(stored.bytes, stored.offset,
                                stored.offset + stored.length, wanted, 0, wanted.length)) {
                            continue;
                        }
                        FloatVectorValues vectors = leaf.reader().getFloatVectorValues(vectorField);
                        if (vectors != null && vectors.advance(local) == local) {
                            found.put(id, vectors.vectorValue().clone());
                        }
                    }
                }
                return found;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The ids of the documents searches can see that have no value in {@code field}. */
    public List<String> idsWithout(String field) {
        return withSearcher(searcher -> {
            try {
                Query without = new BooleanQuery.Builder()
                        .add(new MatchAllDocsQuery(),
                                BooleanClause.Occur.FILTER)
                        .add(new FieldExistsQuery(field),
                                BooleanClause.Occur.MUST_NOT)
                        .build();
                List<String> ids = new ArrayList<>();
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    Scorer scorer = searcher.createWeight(searcher.rewrite(without),
                            ScoreMode.COMPLETE_NO_SCORES, 1).scorer(leaf);
                    if (scorer == null) {
                        continue;
                    }
                    SortedDocValues values =
                            DocValues.getSorted(leaf.reader(), SearchFields.ID);
                    DocIdSetIterator docs = scorer.iterator();
                    Bits live = leaf.reader().getLiveDocs();
                    for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS;
                         d = docs.nextDoc()) {
                        if ((live == null || live.get(d)) && values.advanceExact(d)) {
                            ids.add(values.lookupOrd(values.ordValue()).utf8ToString());
                        }
                    }
                }
                return ids;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** True when the index was missing or unreadable at open, its files are gone, or it has another schema. */
    public boolean needsRebuild(int schemaVersion) {
        return !Integer.toString(schemaVersion).equals(committedUserData().get(SCHEMA_VERSION_KEY));
    }

    /**
     * Starts filling a fresh directory; searches and writes keep going to the live index (writes to both)
     * until {@link Rebuild#swap}. One rebuild at a time.
     */
    public synchronized Rebuild beginRebuild(int schemaVersion) throws IOException {
        if (rebuild != null) {
            throw new IllegalStateException("a rebuild of " + kind + " is already running");
        }
        Path path = freshDirectory();
        Directory directory = FSDirectory.open(path);
        try {
            // a bigger buffer: a bulk load flushes less often
            IndexWriter writer = new IndexWriter(directory, config(OpenMode.CREATE).setRAMBufferSizeMB(64));
            rebuild = new Rebuild(schemaVersion, path, directory, writer);
            return rebuild;
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(directory);
            IOUtils.rm(path);
            throw e;
        }
    }

    /** Commits and closes: reopen thread, searchers, writer, directory. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Rebuild r = rebuild;
        if (r != null) {
            r.close();
        }
        live.close(true);
    }

    /**
     * A rebuild in progress: {@link #add} every document, then {@link #swap}. Closing it without a swap throws
     * the fresh directory away (use try-with-resources).
     */
    public final class Rebuild implements Closeable {
        private final int schemaVersion;
        private final Path path;
        private final Directory directory;
        private final IndexWriter writer;
        private boolean done;

        private Rebuild(int schemaVersion, Path path, Directory directory, IndexWriter writer) {
            this.schemaVersion = schemaVersion;
            this.path = path;
            this.directory = directory;
            this.writer = writer;
        }

        /** An upsert: a write that raced the rebuild may already have put this id in. */
        public void add(String id, Document doc) throws IOException {
            writer.updateDocument(new Term(SearchFields.ID, id), doc);
        }

        /**
         * Commits the fresh index with the schema version and {@code userData}, makes it the live one for
         * searches and writes, then closes and deletes the old one. Searches running meanwhile finish on the old.
         */
        public void swap(Map<String, String> userData) throws IOException {
            Live old;
            synchronized (LuceneIndex.this) {
                if (done || closed) {
                    throw new IllegalStateException("rebuild already finished or index closed");
                }
                Map<String, String> data = new HashMap<>(userData);
                data.put(SCHEMA_VERSION_KEY, Integer.toString(schemaVersion));
                writer.setLiveCommitData(data.entrySet());
                // the fsync happens before writes are held up; what they add meanwhile the searcher sees, and the
                // next commit makes durable (after a crash before it, replaying from the watermark restores it)
                writer.commit();
                swapLock.writeLock().lock();
                try {
                    old = live;
                    live = startSearching(old.epoch() + 1, path, directory, writer);
                    pointTo(path);
                    rebuild = null;
                    done = true;
                } finally {
                    swapLock.writeLock().unlock();
                }
            }
            try {
                old.close(false);
            } finally {
                deleteDirectoriesBut(path);
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (LuceneIndex.this) {
                if (done) {
                    return;
                }
                done = true;
                rebuild = null;
            }
            try {
                writer.rollback();
            } finally {
                directory.close();
                IOUtils.rm(path);
            }
        }
    }

    private Live openLive(int epoch, Path path, OpenMode mode) throws IOException {
        Directory directory = FSDirectory.open(path);
        IndexWriter writer = null;
        try {
            writer = new IndexWriter(directory, config(mode));
            return startSearching(epoch, path, directory, writer);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(writer, directory);
            throw e;
        }
    }

    private Live startSearching(int epoch, Path path, Directory directory, IndexWriter writer) throws IOException {
        SearcherManager searchers = new SearcherManager(writer, true, false, null);
        ControlledRealTimeReopenThread<IndexSearcher> reopener =
                new ControlledRealTimeReopenThread<>(writer, searchers, MAX_STALE_SECONDS, MIN_STALE_SECONDS);
        reopener.setName("lucene-reopen-" + kind.directoryPrefix() + "-" + epoch);
        reopener.setDaemon(true);
        reopener.start();
        return new Live(epoch, path, directory, writer, searchers, reopener);
    }

    private static IndexWriterConfig config(OpenMode mode) {
        return new IndexWriterConfig(Analyzers.PER_FIELD).setOpenMode(mode).setCommitOnClose(false)
                .setMergePolicy(new TieredMergePolicy().setFloorSegmentMB(FLOOR_SEGMENT_MB))
                .setMergeScheduler(new BackgroundMerges());
    }

    /**
     * Segments smaller than this are merged as if they were this large, Lucene 10.2's default (apache/lucene#14189;
     * 9.12's is 2 MB): such small segments cost a search its per-segment work (a term lookup per word, the facets,
     * the vectors' graph) and save no scan. After 50,000 new calls, each batch of vectors a few small segments, the
     * calls index kept 19 to 24 segments with the old floor.
     */
    private static final double FLOOR_SEGMENT_MB = 16;

    /**
     * Lucene's merges at the lowest priority ({@link BackgroundPriority}): after a large import they take a core
     * for a minute or more (the calls' vector graphs are built again as segments merge), which requests need more.
     * A merge holds the writer's lock only to swap in its result; when merges fall behind, Lucene holds up indexing
     * (not searches) until they catch up.
     */
    private static final class BackgroundMerges extends ConcurrentMergeScheduler {
        @Override
        protected void doMerge(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
            BackgroundPriority.lowerCurrentThread(); // each merge has a thread of its own
            super.doMerge(mergeSource, merge);
        }
    }

    private static long generation(int epoch, long sequence) {
        return ((long) epoch << EPOCH_SHIFT) | sequence;
    }

    private static void release(Live l, IndexSearcher searcher) {
        try {
            l.searchers().release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Facet ordinals cost a pass over the doc values: computed once per reader, not once per search. */
    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        FacetState cached = facetState;
        if (cached != null && cached.reader() == reader) {
            return cached.state();
        }
        SortedSetDocValuesReaderState state;
        try {
            state = new DefaultSortedSetDocValuesReaderState(reader, SearchFields.FACETS);
        } catch (IllegalArgumentException e) {
            state = null; // no document has a facet yet
        }
        facetState = new FacetState(reader, state);
        return state;
    }

    private Path pointerFile() {
        return root.resolve(kind.directoryPrefix() + ".current");
    }

    /** The directory the pointer names, or null when there is no pointer or it names something else. */
    private Path currentDirectory() throws IOException {
        Path pointer = pointerFile();
        if (!Files.isRegularFile(pointer)) {
            return null;
        }
        String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        return ownDirectory.matcher(name).matches() ? root.resolve(name) : null;
    }

    /** Written aside and moved, so a crash leaves the old pointer or the new, never half of one. */
    private void pointTo(Path directory) throws IOException {
        Path pointer = pointerFile();
        Path temp = pointer.resolveSibling(pointer.getFileName() + ".tmp");
        Files.writeString(temp, directory.getFileName().toString(), StandardCharsets.UTF_8);
        try {
            Files.move(temp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, pointer, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path freshDirectory() {
        long stamp = System.currentTimeMillis();
        Path path = root.resolve(kind.directoryPrefix() + "-" + stamp);
        while (Files.exists(path)) {
            path = root.resolve(kind.directoryPrefix() + "-" + ++stamp);
        }
        return path;
    }

    /** On Linux, searches still holding files of a deleted directory read on; elsewhere the next open retries. */
    private void deleteDirectoriesBut(Path keep) {
        List<Path> stale;
        try (Stream<Path> entries = Files.list(root)) {
            stale = entries.filter(p -> ownDirectory.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !p.equals(keep) && !(rebuild != null && p.equals(rebuild.path)))
                    .toList();
        } catch (IOException e) {
            LOG.warnf("Cannot list %s: %s", root, e);
            return;
        }
        for (Path path : stale) {
            try {
                IOUtils.rm(path);
            } catch (IOException e) {
                LOG.warnf("Cannot delete the old %s index %s yet: %s", kind, path, e);
            }
        }
    }
}
