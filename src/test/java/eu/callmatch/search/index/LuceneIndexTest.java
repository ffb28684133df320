package eu.callmatch.search.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static eu.callmatch.search.index.TestCorpus.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuceneIndexTest {

    static final int SCHEMA = SearchFields.SCHEMA_VERSION;

    @TempDir
    Path root;

    @Test
    void readsItsOwnWritesAfterUpdateAndDelete() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            index.waitFor(index.update("A-1", Documents.of(call("A-1", "Hydrogen valleys", "Green hydrogen."))));
            assertEquals(List.of("A-1"), ids(index, "hydrogen"));

            index.waitFor(index.update("A-1", Documents.of(call("A-1", "Ammonia shipping", "Ammonia fuel."))));
            assertEquals(List.of(), ids(index, "hydrogen"));
            assertEquals(List.of("A-1"), ids(index, "ammonia"));
            assertEquals(1, index.numDocs()); // an upsert, not a second document

            index.waitFor(index.delete("A-1"));
            assertEquals(List.of(), ids(index, "ammonia"));
            assertEquals(0, index.numDocs());
        }
    }

    @Test
    void aFreshIndexNeedsARebuildAndARebuiltOneSurvivesARestart() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            assertTrue(index.needsRebuild(SCHEMA));
            assertEquals(0, index.numDocs());
            try (LuceneIndex.Rebuild rebuild = index.beginRebuild(SCHEMA)) {
                rebuild.add("A-1", Documents.of(call("A-1", "Hydrogen valleys", "")));
                rebuild.swap(Map.of(LuceneIndex.LAST_CHANGE_KEY, "17"));
            }
            assertFalse(index.needsRebuild(SCHEMA));
            assertTrue(index.needsRebuild(SCHEMA + 1));
            index.update("A-2", Documents.of(call("A-2", "Hydrogen storage", "")));
            index.commit(Map.of(LuceneIndex.LAST_CHANGE_KEY, "18"));
            assertEquals(Map.of(LuceneIndex.SCHEMA_VERSION_KEY, String.valueOf(SCHEMA),
                    LuceneIndex.LAST_CHANGE_KEY, "18"), index.committedUserData());
            index.update("A-3", Documents.of(call("A-3", "Hydrogen trucks", ""))); // committed by close
        }
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            assertFalse(index.needsRebuild(SCHEMA));
            assertEquals(3, index.numDocs());
            assertEquals("18", index.committedUserData().get(LuceneIndex.LAST_CHANGE_KEY));
        }
    }

    @Test
    void aSwapKeepsRunningSearchesOnTheOldIndexAndDeletesItAfterwards() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            index.waitFor(index.update("OLD", Documents.of(call("OLD", "Hydrogen valleys", ""))));
            Path oldDirectory = liveDirectory();
            LuceneIndex.Rebuild rebuild = index.beginRebuild(SCHEMA);
            rebuild.add("NEW", Documents.of(call("NEW", "Hydrogen pipelines", "")));
            // a write during the rebuild goes to both, so the swap does not lose it
            long during = index.update("RACE", Documents.of(call("RACE", "Hydrogen ships", "")));
            index.waitFor(during);
            assertEquals(List.of("OLD"), ids(index, "valleys"), "searches answer from the old index meanwhile");

            List<String> seenByTheOldSearcher = index.withSearcher(oldSearcher -> {
                try {
                    rebuild.swap(Map.of());
                    // this searcher was acquired before the swap: it still answers, on the old directory
                    return IndexSearch.run(IndexKind.CALLS, oldSearcher, SearchRequest.of("hydrogen"), null)
                            .hits().stream().map(SearchResult.Hit::id).sorted().toList();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(List.of("OLD", "RACE"), seenByTheOldSearcher);

            index.waitFor(during); // issued by the swapped-out writer: must neither hang nor throw
            assertEquals(List.of("NEW", "RACE"), ids(index, "hydrogen").stream().sorted().toList());
            assertFalse(Files.exists(oldDirectory));
            assertEquals(liveDirectory(), root.resolve(Files.readString(root.resolve("calls.current"))));
            index.waitFor(index.update("AFTER", Documents.of(call("AFTER", "Hydrogen planes", ""))));
            assertEquals(3, index.numDocs());
        }
    }

    @Test
    void anAbandonedRebuildLeavesNothingBehind() throws Exception {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            try (LuceneIndex.Rebuild rebuild = index.beginRebuild(SCHEMA)) {
                rebuild.add("X", Documents.of(call("X", "Hydrogen", "")));
                assertThrows(IllegalStateException.class, () -> index.beginRebuild(SCHEMA));
            }
            assertEquals(1, directories().size());
            assertTrue(index.needsRebuild(SCHEMA));
            index.beginRebuild(SCHEMA).close(); // and another may start
        }
    }

    @Test
    void aDeletedIndexIsReplacedByAnEmptyOneThatNeedsARebuild() throws Exception {
        rebuiltIndex();
        for (Path directory : directories()) {
            org.apache.lucene.util.IOUtils.rm(directory);
        }
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            assertTrue(index.needsRebuild(SCHEMA));
            assertEquals(0, index.numDocs());
        }
    }

    @Test
    void aCorruptIndexIsReplacedAndDeleted() throws Exception {
        rebuiltIndex();
        Path corrupt = liveDirectory();
        try (Stream<Path> files = Files.list(corrupt)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(file, "garbage, not a commit point".getBytes());
            }
        }
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            assertTrue(index.needsRebuild(SCHEMA));
            assertEquals(0, index.numDocs());
            assertFalse(Files.exists(corrupt));
        }
    }

    @Test
    void aGarbageDirectoryOrPointerIsNotAnIndex() throws Exception {
        rebuiltIndex();
        Path live = liveDirectory();
        org.apache.lucene.util.IOUtils.rm(live);
        Files.createDirectories(live);
        Files.writeString(live.resolve("notes.txt"), "not lucene");
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            assertTrue(index.needsRebuild(SCHEMA));
        }
        Files.writeString(root.resolve("calls.current"), "../../etc");
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            assertTrue(index.needsRebuild(SCHEMA));
        }
    }

    @Test
    void anotherSchemaVersionNeedsARebuild() throws Exception {
        rebuiltIndex();
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            assertFalse(index.needsRebuild(SCHEMA));
            assertTrue(index.needsRebuild(SCHEMA + 1));
        }
    }

    @Test
    void kindsLiveSideBySide() throws Exception {
        try (LuceneIndex calls = LuceneIndex.open(root, IndexKind.CALLS);
             LuceneIndex members = LuceneIndex.open(root, IndexKind.MEMBERS)) {
            calls.waitFor(calls.update("A-1", Documents.of(call("A-1", "Hydrogen", ""))));
            assertEquals(1, calls.numDocs());
            assertEquals(0, members.numDocs());
        }
    }

    @Test
    void vectorsAreTakenOverOnlyFromTheCurrentVersionWithTheSameDigest() throws Exception {
        float[] a = unit(1);
        float[] b = unit(2);
        float[] newB = unit(3);
        byte[] hashA = {1};
        byte[] hashB = {2};
        byte[] hashNewB = {3};
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            index.update("A", Documents.of(call("A", "Hydrogen valleys", ""), a, hashA));
            index.update("B", Documents.of(call("B", "Hydrogen storage", ""), b, hashB));
            index.update("C", Documents.of(call("C", "Hydrogen trucks", "")));
            index.waitFor(index.update("B", Documents.of(call("B", "Hydrogen storage", ""), newB, hashNewB)));

            Map<String, float[]> found = index.vectorsWithDigest(Map.of("A", hashA, "B", hashNewB, "C", hashA,
                    "D", hashA), SearchFields.CALL_VECTOR, SearchFields.CALL_TEXT_HASH);
            assertEquals(java.util.Set.of("A", "B"), found.keySet(), "C has no vector, D is not indexed");
            org.junit.jupiter.api.Assertions.assertArrayEquals(a, found.get("A"));
            org.junit.jupiter.api.Assertions.assertArrayEquals(newB, found.get("B"));
            assertEquals(Map.of(), index.vectorsWithDigest(Map.of("B", hashB, "A", hashB), SearchFields.CALL_VECTOR,
                    SearchFields.CALL_TEXT_HASH), "B's earlier digest and A's other one give nothing");
        }
    }

    private static float[] unit(int axis) {
        float[] v = new float[384];
        v[axis] = 1;
        return v;
    }

    private void rebuiltIndex() throws IOException {
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS);
             LuceneIndex.Rebuild rebuild = index.beginRebuild(SCHEMA)) {
            rebuild.add("A-1", Documents.of(call("A-1", "Hydrogen valleys", "")));
            rebuild.swap(Map.of());
        }
    }

    private Path liveDirectory() throws IOException {
        List<Path> directories = directories();
        assertEquals(1, directories.size(), directories.toString());
        return directories.get(0);
    }

    private List<Path> directories() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }

    private static List<String> ids(LuceneIndex index, String text) {
        return index.search(SearchRequest.of(text)).hits().stream().map(SearchResult.Hit::id).toList();
    }
}
