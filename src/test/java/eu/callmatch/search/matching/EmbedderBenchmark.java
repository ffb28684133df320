package eu.callmatch.search.matching;

import eu.callmatch.common.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How fast calls get their vectors: the texts their vectors come from ({@link CallText#vectorText}, one chunk each)
 * of the 2,306 real calls of {@code eval/calls.jsonl}, embedded one at a time (as an edit is, one run after the other
 * on the caller's thread) and as an import's backlog is ({@link TextEmbedder#embedAll}, 32 calls a batch, one run per
 * core at a time). Each way runs twice; the second is reported (the first warms the JIT compiler). Prints calls and
 * chunks a second; the vectors of both ways must be the same.
 *
 * <p>Run: {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=EmbedderBenchmark}.
 */
@Tag("benchmark")
class EmbedderBenchmark {

    static final int BATCH = 32;

    @Test
    void benchmark() throws Exception {
        List<String> texts = TestData.calls(TestData.EVAL_CALLS).stream().map(CallText::vectorText).toList();
        long chunks = texts.stream().mapToLong(t -> TextEmbedder.chunks(t).size()).sum();
        long distinct = texts.stream().flatMap(t -> TextEmbedder.chunks(t).stream()).distinct().count();
        System.out.printf("%d calls, %d chunks (%d distinct), %d cores%n", texts.size(), chunks, distinct,
                Runtime.getRuntime().availableProcessors());
        TextEmbedder embedder = new TextEmbedder(true);
        try {
            float[][] one = new float[texts.size()][];
            float[][] bulk = new float[texts.size()][];
            for (int round = 1; round <= 2; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < texts.size(); i++) {
                    one[i] = embedder.embed(texts.get(i));
                }
                report(round, "one call at a time", start, texts.size(), chunks);
                start = System.nanoTime();
                for (int i = 0; i < texts.size(); i += BATCH) {
                    List<float[]> vectors = embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + BATCH)));
                    for (int j = 0; j < vectors.size(); j++) {
                        bulk[i + j] = vectors.get(j);
                    }
                }
                report(round, "embedAll, " + BATCH + " calls a batch", start, texts.size(), chunks);
            }
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(1.0, TextEmbedder.cosine(one[i], bulk[i]), 1e-5, "the same vector either way");
            }
        } finally {
            embedder.close();
        }
    }

    private static void report(int round, String way, long start, int calls, long chunks) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("round %d, %-28s %6.1f s: %5.1f calls/s, %5.1f chunks/s%n", round, way, seconds,
                calls / seconds, chunks / seconds);
    }
}
