package eu.callmatch.search.matching;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * all-MiniLM-L6-v2 (quantized), the model and tokenizer langchain4j ships, run through ONNX Runtime with session
 * options of our own. The service runs the model on one thread per run, the caller's ({@link TextEmbedder}); with
 * more ({@link #load}), the worker threads sleep between runs instead of spinning. With langchain4j's defaults they
 * spin after every run, which doubled the CPU an embedding costs and, on a busy machine, its latency: the spinning
 * threads take the cores the next run needs.
 *
 * <p>A text is embedded as langchain4j embeds it: the tokenizer's first 128 word pieces (its {@code
 * tokenizer.json} truncates there), the mean of their output vectors, scaled to unit length. One text per run:
 * the model quantizes its activations over the whole batch, so texts padded into one batch would get other
 * vectors than the calls' stored ones.
 */
final class MiniLmEncoder implements AutoCloseable {

    private static final String MODEL = "all-minilm-l6-v2-q.onnx";
    /** The word pieces the tokenizer reads of a text, [CLS] and [SEP] included: it truncates there. */
    static final int MAX_PIECES = 128;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    /** Runs share the session; closing waits for them, and a run after the close fails instead of crashing. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private MiniLmEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /** @param threads the model's worker threads for one text; 0: one per core */
    static MiniLmEncoder load(int threads) {
        try (InputStream model = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(MODEL);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (model == null) {
                throw new IllegalStateException("the model file is missing from the classpath: " + MODEL);
            }
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new MiniLmEncoder(environment, session, WordPieces.load());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model", e);
        }
    }

    /** The unit vector of {@code text} (its first 128 word pieces). */
    float[] embed(String text) {
        return embed(text, List.of())[0];
    }

    /**
     * The unit vector of {@code text} and, from the same run, of each of the given pieces of it: the mean of the
     * output vectors of the piece's word pieces, read in the context of the whole text ("late chunking"). A piece
     * that is not within the text's first 128 word pieces gets null.
     *
     * @return the text's vector, then one per piece
     */
    float[][] embed(String text, List<String> pieces) {
        return embed(text, pieces, MAX_PIECES);
    }

    /**
     * As {@link #embed(String, List)}, reading at most {@code max} word pieces of {@code text}, whole words and the
     * closing [SEP] ({@link WordPieces#cut}): the vectors of {@link WordPieces#start WordPieces.start(text, max)}
     * without encoding the text twice.
     */
    float[][] embed(String text, List<String> pieces, int max) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the embedding model is closed");
            }
            return run(text, pieces, max);
        } finally {
            lock.readLock().unlock();
        }
    }

    private float[][] run(String text, List<String> pieces, int max) {
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = encoding.getIds();
        long[] attention = encoding.getAttentionMask();
        long[] typeNumbers = encoding.getTypeIds();
        if (ids.length > max) { // only below MAX_PIECES, where the tokenizer itself stops
            int cut = WordPieces.cut(encoding.getWordIds(), max);
            long sep = ids[ids.length - 1];
            ids = java.util.Arrays.copyOf(ids, cut + 1);
            ids[cut] = sep;
            attention = java.util.Arrays.copyOf(attention, cut + 1);
            typeNumbers = java.util.Arrays.copyOf(typeNumbers, cut + 1);
        }
        long[] shape = {1, ids.length};
        try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(attention), shape);
             OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(typeNumbers), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>(4);
            inputs.put("input_ids", input);
            inputs.put("attention_mask", mask);
            if (typeIds) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
                float[][] vectors = new float[1 + pieces.size()][];
                vectors[0] = mean(tokens, 0, tokens.length);
                // a piece's word pieces are the same alone as within the text (words are split at white space and
                // punctuation first): look for them after the previous piece's, between [CLS] and [SEP]
                int from = 1;
                for (int p = 0; p < pieces.size(); p++) {
                    long[] piece = tokenizer.encode(pieces.get(p), false, false).getIds();
                    int at = indexOf(ids, piece, from, ids.length - 1);
                    if (at >= 0) {
                        vectors[1 + p] = mean(tokens, at, at + piece.length);
                        from = at + piece.length;
                    }
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed", e);
        }
    }

    /** The unit mean of rows [from, to). */
    private static float[] mean(float[][] tokens, int from, int to) {
        float[] mean = new float[tokens[0].length];
        for (int t = from; t < to; t++) {
            float[] token = tokens[t];
            for (int i = 0; i < mean.length; i++) {
                mean[i] += token[i];
            }
        }
        return TextEmbedder.normalised(mean);
    }

    /** Where {@code piece} starts in {@code ids[from, to)}, or -1 (also for an empty piece). */
    private static int indexOf(long[] ids, long[] piece, int from, int to) {
        if (piece.length == 0) {
            return -1;
        }
        for (int start = from; start + piece.length <= to; start++) {
            int i = 0;
            while (i < piece.length && ids[start + i] == piece[i]) {
                i++;
            }
            if (i == piece.length) {
                return start;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    session.close();
                } finally {
                    tokenizer.close();
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
