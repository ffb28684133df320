package eu.callmatch.search.matching;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectors kept in a file, so that a restart does not embed their texts again: derived data, like the search indexes
 * (delete the file and it is rebuilt). Keyed by record id and content hash ({@link #key}), so a record whose text
 * changed is embedded anew. Appended to, one writer at a time; read by any thread meanwhile without waiting. The
 * service's files are named and placed by {@link TextEmbedder#vectorFile}, after the model that made their vectors.
 */
public final class VectorFile {

    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    public VectorFile(Path file) {
        this.file = file;
        load();
    }

    public static String key(String id, String contentHash) {
        return id + "#" + (contentHash == null ? "" : contentHash);
    }

    public float[] get(String key) {
        return vectors.get(key);
    }

    public synchronized void putAll(Map<String, float[]> added) {
        vectors.putAll(added);
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (Map.Entry<String, float[]> e : added.entrySet()) {
                    out.writeUTF(e.getKey());
                    for (float x : e.getValue()) {
                        out.writeFloat(x);
                    }
                }
            }
        } catch (IOException e) {
            // a cache: losing it costs time, not data
            org.jboss.logging.Logger.getLogger(VectorFile.class).warnf(e, "Could not save vectors to %s", file);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String key;
                try {
                    key = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                float[] v = new float[TextEmbedder.DIMENSIONS];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                vectors.put(key, v);
            }
        } catch (IOException e) {
            // a torn last record after a crash: keep what was read
            org.jboss.logging.Logger.getLogger(VectorFile.class).warnf("Vector file %s cut short: %s", file, e);
        }
    }
}
