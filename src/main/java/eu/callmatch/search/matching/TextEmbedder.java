package eu.callmatch.search.matching;

import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.common.concurrent.RecentlyUsed;
import eu.callmatch.common.config.CallmatchConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sentence embeddings (all-MiniLM-L6-v2, quantized, 384 dimensions, run in-process). The model reads only the first
 * 128 word pieces of a text, so a long text is split into chunks of about {@value #CHUNK_WORDS} words at sentence
 * boundaries and its vector is the normalised blend of the first chunk's vector (where a text says what it is about)
 * and the mean of all chunks' vectors. A call is embedded by the start of its text only ({@link
 * CallText#vectorText}: the first 64 word pieces of its first chunk), a project by its start ({@link #embedStart}), a
 * profile, embedded while a request waits, in one run ({@link #embedProfile}). Off by configuration: then {@link
 * #embed} answers null and matching is lexical only.
 *
 * <p>Each run of the model is on one thread ({@link MiniLmEncoder}), the caller's: a run split over two cores took
 * longer than on one, as the second thread has to be woken for every step of the model, and a request's run would
 * take both cores from everything else. Concurrent requests run side by side. Many texts at once (an import's calls,
 * {@link #embedAll}) are embedded on worker threads of their own, one per core, which embed more chunks a second
 * than runs that each use both cores. They are not padded into batches: the model quantizes its activations over a
 * whole batch, so a batched chunk's vector would differ from the same chunk's alone, and batches ran no faster (the
 * README's Search section has the figures). The workers give way to a text a request waits for: before each chunk
 * they wait while one is being embedded.
 */
@ApplicationScoped
public class TextEmbedder {

    public static final int DIMENSIONS = 384;
    static final int CHUNK_WORDS = 120;
    /** Beyond this many chunks (~1,000 words) a text adds little but cost: a call says what it is about first. */
    static final int MAX_CHUNKS = 8;
    /** A profile's words handed to the tokenizer: more than its {@value #PROFILE_PIECES} word pieces hold. */
    static final int PROFILE_WORDS = 200;
    /**
     * The word pieces of a profile's start the model reads, whole words ([CLS] and [SEP] included): three quarters
     * of the 128 a run can read, for about two thirds of its time. Chosen by cross-validation ({@code
     * CallRankerTraining}, {@code -Dcallmatch.training.profile-pieces}): the ranking is alike at 96 and 128, and
     * weaker at 64 (figures in the README's Matching section).
     */
    public static final int PROFILE_PIECES = 96;

    /** Names the vector files ({@link #vectorFile}) after the model: all-MiniLM-L6-v2, quantized. */
    static final String MODEL = "minilm-l6-v2-q";

    private final boolean enabled;
    private final int profilePieces;
    private final int workers;
    private final Path vectorDir;
    private final Map<String, VectorFile> vectorFiles = new HashMap<>();
    private volatile MiniLmEncoder model;
    private ExecutorService bulkWorkers;
    /** The callers waiting for a text to be embedded now: the bulk workers wait meanwhile. */
    private final Callers callers = new Callers();
    /**
     * The vectors of the profiles embedded lately, by their text, at most {@value #PROFILES} (a few MB), the least
     * recently used dropped first: the alerts after every import rank every member, whose profiles seldom change, and
     * embedding a profile costs more than ranking the calls for it.
     */
    private final RecentlyUsed<String, Vectors> profiles = new RecentlyUsed<>(PROFILES);
    /**
     * Embed the profiles that requests wait for meanwhile ({@link #embedProfileLater}), at the requests' priority:
     * their threads are started by request threads, never by the bulk workers.
     */
    private final ExecutorService profileWorkers = Executors.newCachedThreadPool(
            DaemonThreads.numbered("callmatch-profile-embedder"));
    static final int PROFILES = 2048;

    /**
     * @param workers threads that embed many texts at once ({@link #embedAll}); 0: one per core
     * @param config  where the vector files are kept ({@link #vectorFile}): under the data directory
     */
    @Inject
    public TextEmbedder(@ConfigProperty(name = "callmatch.matching.embeddings.enabled", defaultValue = "true") boolean enabled,
                        @ConfigProperty(name = "callmatch.search.vector-threads", defaultValue = "0") int workers,
                        CallmatchConfig config) {
        this(enabled, workers, Path.of(config.dataDir(), "vectors"));
    }

    /** @param vectorDir where the vector files are kept ({@link #vectorFile}); null: nowhere */
    TextEmbedder(boolean enabled, int workers, Path vectorDir) {
        this(enabled, workers, vectorDir, PROFILE_PIECES);
    }

    private TextEmbedder(boolean enabled, int workers, Path vectorDir, int profilePieces) {
        this.enabled = enabled;
        this.profilePieces = profilePieces;
        this.workers = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        this.vectorDir = vectorDir;
    }

    public TextEmbedder(boolean enabled) {
        this(enabled, 0, (Path) null);
    }

    /**
     * An embedder that reads {@code profilePieces} word pieces of a profile's start instead of {@value
     * #PROFILE_PIECES}: for the training's comparisons ({@code CallRankerTraining}).
     */
    public TextEmbedder(boolean enabled, int profilePieces) {
        this(enabled, 0, null, profilePieces);
    }

    /**
     * The file of vectors called {@code name} under the data directory, named after the model as well: vectors of
     * another model (or of this one's older versions) are not read, and their texts are embedded again. One
     * instance per name, for one user at a time.
     */
    public VectorFile vectorFile(String name) {
        if (vectorDir == null) {
            throw new IllegalStateException("this embedder keeps no vector files");
        }
        synchronized (vectorFiles) {
            return vectorFiles.computeIfAbsent(name, n -> new VectorFile(vectorDir.resolve(n + "-" + MODEL + ".bin")));
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The unit vector of {@code text}, or null when embeddings are off or there is no text. */
    public float[] embed(String text) {
        if (!enabled || text == null || text.isBlank()) {
            return null;
        }
        return callers.first(() -> blend(chunks(text).stream().map(model()::embed).toList()));
    }

    /**
     * The unit vectors of many texts, as {@link #embed} gives them (null for a blank text, or all null when
     * embeddings are off), embedded on the bulk workers; a chunk found in several of the texts is embedded once.
     *
     * @throws InterruptedException when interrupted while the workers embed (they stop after their current chunk)
     */
    public List<float[]> embedAll(List<String> texts) throws InterruptedException {
        if (!enabled) {
            return Arrays.asList(new float[texts.size()][]);
        }
        List<List<String>> chunked = texts.stream()
                .map(t -> t == null || t.isBlank() ? List.<String>of() : chunks(t)).toList();
        Map<String, float[]> byChunk = embedChunks(chunked.stream().flatMap(List::stream).toList());
        List<float[]> result = new ArrayList<>(texts.size());
        for (List<String> chunks : chunked) {
            result.add(chunks.isEmpty() ? null : blend(chunks.stream().map(byChunk::get).toList()));
        }
        return result;
    }

    /**
     * The vectors of many texts' starts, as {@link #embedStart} gives them (null for a blank text, or all null when
     * embeddings are off), embedded on the bulk workers as {@link #embedAll}: for work in the background, which gives
     * way to requests.
     *
     * @throws InterruptedException when interrupted while the workers embed (they stop after their current chunk)
     */
    public List<float[]> embedStartAll(List<String> texts) throws InterruptedException {
        if (!enabled) {
            return Arrays.asList(new float[texts.size()][]);
        }
        List<String> starts = texts.stream().map(t -> t == null || t.isBlank() ? null : chunks(t).get(0)).toList();
        Map<String, float[]> byChunk = embedChunks(starts.stream().filter(java.util.Objects::nonNull).toList());
        return starts.stream().map(start -> start == null ? null : byChunk.get(start)).toList();
    }

    /** The vectors of {@code chunks} by chunk, each distinct one embedded once, on the bulk workers. */
    private Map<String, float[]> embedChunks(List<String> chunks) throws InterruptedException {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(chunks));
        float[][] vectors = new float[distinct.size()][];
        MiniLmEncoder bulk = bulkModel();
        // each worker takes the next chunk not taken yet: chunks differ in length (a text's last one is short), and
        // with halves fixed beforehand one worker sat idle while the other finished its half
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        int running = Math.min(workers, distinct.size());
        List<Future<?>> futures = new ArrayList<>(running);
        for (int w = 0; w < running; w++) {
            futures.add(bulkWorkers.submit(() -> {
                for (int i = next.getAndIncrement(); i < distinct.size(); i = next.getAndIncrement()) {
                    giveWay();
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    vectors[i] = bulk.embed(distinct.get(i));
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("stopped while embedding");
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        Map<String, float[]> byChunk = new HashMap<>(distinct.size() * 2);
        for (int i = 0; i < vectors.length; i++) {
            byChunk.put(distinct.get(i), vectors[i]);
        }
        return byChunk;
    }

    /** Waits while a text a caller waits for is being embedded (a bulk worker's chunk takes about 10 ms). */
    private void giveWay() throws InterruptedException {
        callers.awaitNone();
    }

    /**
     * The callers waiting for the encoder now (a request's profile or query): they go first, and the bulk workers,
     * between two chunks, wait until they are told that none is left.
     */
    private static final class Callers {
        private int waiting;

        <T> T first(java.util.function.Supplier<T> run) {
            synchronized (this) {
                waiting++;
            }
            try {
                return run.get();
            } finally {
                synchronized (this) {
                    if (--waiting == 0) {
                        notifyAll();
                    }
                }
            }
        }

        synchronized void awaitNone() throws InterruptedException {
            while (waiting > 0) {
                wait();
            }
        }
    }

    /** A profile's vector (null when embeddings are off) and those of its sentences matched one by one. */
    public record Vectors(float[] text, List<float[]> sentences) {
    }

    /**
     * A profile's vectors from a single model run (about 8 ms on one core; a run per chunk and per sentence made
     * a profile cost three times as much as ranking the calls for it): the vector of the text's start, the whole
     * words of it that make {@value #PROFILE_PIECES} word pieces, where a profile says what it is about (the
     * key terms of all of it are searched as words), and the vectors of the sentences of {@code listing} that lie
     * within that start. {@code listing} is a part of the text that may list several interests (a profile built
     * from past projects): matched one by one, the best one counts, where their mean would blur them. A sentence's
     * vector is the mean of its word pieces' output vectors, read in the context of the whole start. None for fewer
     * than two such sentences, or more than {@code max}: a long narrative is about one thing. The same profile again
     * costs a look-up.
     */
    public Vectors embedProfile(String text, String listing, int max) {
        if (!enabled || text == null || text.isBlank()) {
            return new Vectors(null, List.of());
        }
        return profiles.get(profileKey(text, listing, max), key -> embedProfileNow(text, listing, max));
    }

    /**
     * As {@link #embedProfile}, on a thread of the embedder's own when the profile is not remembered: the caller goes
     * on meanwhile and is told when the vectors are there. A call match searches the profile's words while the model
     * reads it, on the second core.
     */
    public CompletableFuture<Vectors> embedProfileLater(String text, String listing, int max) {
        Vectors known = !enabled || text == null || text.isBlank() ? new Vectors(null, List.of())
                : profiles.known(profileKey(text, listing, max));
        return known != null ? CompletableFuture.completedFuture(known)
                : CompletableFuture.supplyAsync(() -> embedProfile(text, listing, max), profileWorkers);
    }

    private static String profileKey(String text, String listing, int max) {
        return max + "\u0000" + text + "\u0000" + listing;
    }

    private Vectors embedProfileNow(String text, String listing, int max) {
        String[] words = text.strip().split("\\s+", PROFILE_WORDS + 1);
        String start = String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(words.length, PROFILE_WORDS)));
        float[][] vectors = callers.first(() -> model().embed(start, sentences(listing, max), profilePieces));
        List<float[]> parts = java.util.Arrays.stream(vectors, 1, vectors.length).filter(java.util.Objects::nonNull)
                .toList();
        return new Vectors(vectors[0], parts.size() < 2 ? List.of() : parts);
    }

    /** The unit vector of the start of {@code text} (its first chunk), or null: one model run, for short texts. */
    public float[] embedStart(String text) {
        if (!enabled || text == null || text.isBlank()) {
            return null;
        }
        return callers.first(() -> model().embed(chunks(text).get(0)));
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
    public static List<String> chunks(String text) {
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
                    model = MiniLmEncoder.load(1);
                }
                m = model;
            }
        }
        return m;
    }

    /** The model for many texts, on workers of its own. */
    private MiniLmEncoder bulkModel() {
        synchronized (this) {
            if (bulkWorkers == null) {
                bulkWorkers = Executors.newFixedThreadPool(workers, DaemonThreads.lowest("callmatch-embedder"));
            }
        }
        return model();
    }

    @PreDestroy
    void close() {
        profileWorkers.shutdownNow();
        synchronized (this) {
            if (bulkWorkers != null) {
                bulkWorkers.shutdownNow();
            }
        }
        if (model != null) {
            model.close();
        }
    }
}
