package eu.callmatch.search.matching;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VectorFileTest {

    @TempDir
    Path dir;

    @Test
    void vectorsOutliveTheProcessAndATornLastRecordIsDropped() throws IOException {
        Path file = dir.resolve("projects.bin");
        float[] a = vector(0.5f);
        float[] b = vector(-0.25f);
        new VectorFile(file).putAll(Map.of(VectorFile.key("p1", "h1"), a));
        new VectorFile(file).putAll(Map.of(VectorFile.key("p2", "h2"), b));
        VectorFile read = new VectorFile(file);
        assertArrayEquals(a, read.get(VectorFile.key("p1", "h1")));
        assertArrayEquals(b, read.get(VectorFile.key("p2", "h2")));
        assertNull(read.get(VectorFile.key("p1", "another text")), "a changed text is not the same key");

        // a crash while appending: the file ends within p2's vector
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        VectorFile torn = new VectorFile(file);
        assertArrayEquals(a, torn.get(VectorFile.key("p1", "h1")));
        assertNull(torn.get(VectorFile.key("p2", "h2")));
    }

    @Test
    void theEmbedderNamesItsFilesAfterTheModelAndKeepsOneAName() {
        TextEmbedder embedder = new TextEmbedder(true, 1, dir.resolve("vectors"));
        VectorFile projects = embedder.vectorFile("projects-v4");
        assertSame(projects, embedder.vectorFile("projects-v4"));
        projects.putAll(Map.of("x#", vector(1)));
        assertEquals(true, Files.exists(dir.resolve("vectors").resolve("projects-v4-" + TextEmbedder.MODEL + ".bin")));
        assertThrows(IllegalStateException.class, () -> new TextEmbedder(true).vectorFile("projects-v4"));
    }

    private static float[] vector(float value) {
        float[] v = new float[TextEmbedder.DIMENSIONS];
        Arrays.fill(v, value);
        v[0] = value * 2;
        return v;
    }
}
