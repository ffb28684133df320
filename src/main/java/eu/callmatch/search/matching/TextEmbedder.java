package eu.callmatch.search.matching;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings (all-MiniLM-L6-v2, quantized, 384 dimensions, run in-process). The model reads only the first
 * 128 word pieces of a text, so a long text (a call) is split into chunks of about {@value #CHUNK_WORDS} words at
 * sentence boundaries and its vector is the normalised blend of the first chunk's vector (where a text says what it
 * is about) and the mean of all chunks' vectors; a profile, embedded while a request waits, is read in one run
 * ({@link #embedProfile}). The model runs on the caller's thread and its own workers ({@link MiniLmEncoder}). Off
 * by configuration: then {@link #embed} answers null and matching is lexical only.
 */
@ApplicationScoped
public class TextEmbedder {

    public static final int DIMENSIONS = 384;
    static final int CHUNK_WORDS = 120;
    /** Beyond this many chunks (~1,000 words) a text adds little but cost: a call says what it is about first. */
    static final int MAX_CHUNKS = 8;
    /** A profile's words read by the model: more than its 128 word pieces hold. */
    static final int PROFILE_WORDS = 200;

    private final boolean enabled;
    private volatile MiniLmEncoder model;

    public TextEmbedder(@ConfigProperty(name = "callmatch.matching.embeddings.enabled", defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The unit vector of {@code text}, or null when embeddings are off or there is no text. */
    public float[] embed(String text) {
        if (!enabled || text == null || text.isBlank()) {
            return null;
        }
        return blend(chunks(text).stream().map(model()::embed).toList());
    }

    /** A profile's vector (null when embeddings are off) and those of its sentences matched one by one. */
    public record Vectors(float[] text, List<float[]> sentences) {
    }

    /**
     * A profile's vectors from a single model run (about 10 ms on two cores; a run per chunk and per sentence made
     * a profile cost three times as much as ranking the calls for it): the vector of the text's start, the
     * {@value #PROFILE_WORDS} words or 128 word pieces the model reads, where a profile says what it is about (the
     * key terms of all of it are searched as words), and the vectors of the sentences of {@code listing} that lie
     * within that start. {@code listing} is a part of the text that may list several interests (a profile built
     * from past projects): matched one by one, the best one counts, where their mean would blur them. A sentence's
     * vector is the mean of its word pieces' output vectors, read in the context of the whole start. None for fewer
     * than two such sentences, or more than {@code max}: a long narrative is about one thing.
     */
    public Vectors embedProfile(String text, String listing, int max) {
        if (!enabled || text == null || text.isBlank()) {
            return new Vectors(null, List.of());
        }
        String[] words = text.strip().split("\\s+", PROFILE_WORDS + 1);
        String start = String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(words.length, PROFILE_WORDS)));
        float[][] vectors = model().embed(start, sentences(listing, max));
        List<float[]> parts = java.util.Arrays.stream(vectors, 1, vectors.length).filter(java.util.Objects::nonNull)
                .toList();
        return new Vectors(vectors[0], parts.size() < 2 ? List.of() : parts);
    }

    /** The unit vector of the start of {@code text} (its first chunk), or null: one model run, for short texts. */
    public float[] embedStart(String text) {
        if (!enabled || text == null || text.isBlank()) {
            return null;
        }
        return model().embed(chunks(text).get(0));
    }

    /** The sentences of {@code text} of four words or more, when it has 2 to {@code max} of them, or none. */
    static List<String> sentences(String text, int max) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> sentences = java.util.Arrays.stream(text.strip().split("(?<=[.!?;])\\s+"))
                .filter(s -> s.split("\\s+").length >= 4).toList();
        return sentences.size() < 2 || sentences.size() > max ? List.of() : sentences;
    }

    /** Several chunks' vectors as one: half the first chunk's (a call's title and opening), half the mean of all. */
    private static float[] blend(List<float[]> vectors) {
        if (vectors.size() == 1) {
            return vectors.get(0);
        }
        float[] mean = new float[DIMENSIONS];
        for (int c = 0; c < vectors.size(); c++) {
            float[] v = vectors.get(c);
            float w = 1f / vectors.size() + (c == 0 ? 1 : 0);
            for (int i = 0; i < DIMENSIONS; i++) {
                mean[i] += w * v[i];
            }
        }
        return normalised(mean);
    }

    /** Dot product of two unit vectors: their cosine. */
    public static float cosine(float[] a, float[] b) {
        return dot(a, 0, b);
    }

    /**
     * The dot product of {@code v} and the vector at {@code offset} in {@code all} (vectors laid end to end). Four
     * sums: this loop is the hot spot of ranking, and one chain of additions cannot be pipelined.
     */
    public static float dot(float[] all, int offset, float[] v) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < v.length; i += 4) {
            s0 += all[offset + i] * v[i];
            s1 += all[offset + i + 1] * v[i + 1];
            s2 += all[offset + i + 2] * v[i + 2];
            s3 += all[offset + i + 3] * v[i + 3];
        }
        for (; i < v.length; i++) {
            s0 += all[offset + i] * v[i];
        }
        return s0 + s1 + s2 + s3;
    }

    /** {@code v} scaled to unit length in place (all zeros stay zeros). */
    public static float[] unit(float[] v) {
        return normalised(v);
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Chunks of about CHUNK_WORDS words, cut after a sentence where possible. */
    static List<String> chunks(String text) {
        String[] sentences = text.strip().split("(?<=[.!?;])\\s+|\\n\\s*\\n");
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int words = 0;
        for (String sentence : sentences) {
            String[] sentenceWords = sentence.trim().split("\\s+");
            if (sentenceWords.length == 0 || sentence.isBlank()) {
                continue;
            }
            if (words > 0 && words + sentenceWords.length > CHUNK_WORDS) {
                chunks.add(current.toString());
                current.setLength(0);
                words = 0;
            }
            // a sentence longer than a chunk is cut by words
            for (int i = 0; i < sentenceWords.length; i++) {
                if (words == CHUNK_WORDS) {
                    chunks.add(current.toString());
                    current.setLength(0);
                    words = 0;
                }
                if (words > 0) {
                    current.append(' ');
                }
                current.append(sentenceWords[i]);
                words++;
            }
            if (chunks.size() >= MAX_CHUNKS) {
                break;
            }
        }
        if (words > 0 && chunks.size() < MAX_CHUNKS) {
            chunks.add(current.toString());
        }
        return chunks.isEmpty() ? List.of(text.strip()) : chunks;
    }

    private MiniLmEncoder model() {
        MiniLmEncoder m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = MiniLmEncoder.load(0);
                }
                m = model;
            }
        }
        return m;
    }

    @PreDestroy
    void close() {
        MiniLmEncoder m = model;
        if (m != null) {
            m.close();
        }
    }
}
