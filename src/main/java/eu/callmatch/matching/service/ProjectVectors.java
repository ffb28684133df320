package eu.callmatch.matching.service;

import eu.callmatch.search.matching.TextEmbedder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The text vectors of past projects, kept in a file under the data directory so that a restart does not embed the
 * pool again: derived data, like the search indexes (delete the file and it is rebuilt). Keyed by project id and
 * content hash, so a project whose text changed is embedded anew. Appended to; not thread-safe (one owner).
 */
final class ProjectVectors {

    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();

    ProjectVectors(Path file) {
        this.file = file;
        load();
    }

    static String key(String projectId, String contentHash) {
        return projectId + "#" + (contentHash == null ? "" : contentHash);
    }

    float[] get(String key) {
        return vectors.get(key);
    }

    void putAll(Map<String, float[]> added) {
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
            org.jboss.logging.Logger.getLogger(ProjectVectors.class).warnf(e, "Could not save project vectors to %s", file);
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
            org.jboss.logging.Logger.getLogger(ProjectVectors.class).warnf("Project vector cache %s cut short: %s", file, e);
        }
    }
}
