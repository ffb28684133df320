package eu.callmatch.matching.service;

import eu.callmatch.search.matching.TextEmbedder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embeddings of the profiles matched lately, by their text (for call matches, and of members as partners): the
 * alerts after every import rank every member, whose profiles seldom change, and embedding a profile costs more than
 * ranking the calls for it.
 */
@ApplicationScoped
public class ProfileVectors {

    /** At most this many profiles are kept (a few MB), the least recently used go first. */
    static final int SIZE = 2048;

    private final TextEmbedder embedder;
    private final Map<String, TextEmbedder.Vectors> recent = new LinkedHashMap<>(SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TextEmbedder.Vectors> eldest) {
            return size() > SIZE;
        }
    };

    ProfileVectors(TextEmbedder embedder) {
        this.embedder = embedder;
    }

    /** @param text the whole profile text, {@code description} the part of it whose sentences are matched one by one ({@link TextEmbedder#embedProfile}) */
    public TextEmbedder.Vectors of(String text, String description, int maxParts) {
        String key = maxParts + "\u0000" + text + "\u0000" + description;
        synchronized (recent) {
            TextEmbedder.Vectors known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        // embedded outside the lock: two threads may embed the same text once each, which is harmless
        TextEmbedder.Vectors vectors = embedder.embedProfile(text, description, maxParts);
        synchronized (recent) {
            recent.put(key, vectors);
        }
        return vectors;
    }
}
