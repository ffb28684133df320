package eu.callmatch.search.matching;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Sentence embeddings (all-MiniLM-L6-v2, quantized, 384 dimensions, run in-process). The model reads only the first
 * ~256 word pieces of a text, so a long text is split into chunks of about {@value #CHUNK_WORDS} words at sentence
 * boundaries and its vector is the normalised mean of the chunks' vectors. Off by configuration: then
 * {@link #embed} answers null and matching is lexical only.
 */
@ApplicationScoped
public class TextEmbedder {

    public static final int DIMENSIONS = 384;
    static final int CHUNK_WORDS = 120;
    /** Beyond this many chunks a text adds little but cost (a 20-page description). */
    static final int MAX_CHUNKS = 24;

    private final boolean enabled;
    private volatile EmbeddingModel model;

    TextEmbedder(@ConfigProperty(name = "callmatch.matching.embeddings.enabled", defaultValue = "true") boolean enabled) {
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
        List<String> chunks = chunks(text);
        List<TextSegment> segments = chunks.stream().map(TextSegment::from).toList();
        List<Embedding> vectors = segments.size() == 1 ? List.of(model().embed(segments.get(0)).content())
                : model().embedAll(segments).content();
        float[] mean = new float[DIMENSIONS];
        for (Embedding e : vectors) {
            float[] v = e.vector();
            for (int i = 0; i < DIMENSIONS; i++) {
                mean[i] += v[i];
            }
        }
        return normalised(mean);
    }

    /** The unit vector of the start of {@code text} (its first chunk), or null: one model run, for short texts. */
    public float[] embedStart(String text) {
        if (!enabled || text == null || text.isBlank()) {
            return null;
        }
        return normalised(model().embed(TextSegment.from(chunks(text).get(0))).content().vector().clone());
    }

    /** Dot product of two unit vectors: their cosine. */
    public static float cosine(float[] a, float[] b) {
        float dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
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

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    // the caller's thread does the work: the model's default pool would compete with the requests
                    Executor sameThread = Runnable::run;
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel(sameThread);
                }
                m = model;
            }
        }
        return m;
    }
}
