package eu.callmatch.search.bench;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import eu.callmatch.search.index.Documents;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.index.SearchFields;
import eu.callmatch.search.index.SearchRequest;
import eu.callmatch.search.index.SearchRequest.SortBy;
import org.apache.lucene.util.IOUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Builds a 50,000-call index from real calls recombined (the evaluation's 2,306 calls, with the texts, keywords and
 * programmes of the 200 demo calls, real portal topics), then times 2,000 searches on one thread.
 * Targets: build under 30 s, p50 under 5 ms, p99 under 25 ms, heap after the build under 512 MB.
 *
 * <p>Run: {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=SearchBenchmark}.
 */
@Tag("benchmark")
public class SearchBenchmark {

    static final int CALLS = 50_000;
    static final int QUERIES = 2_000;
    static final int WARM_UP = 1_000;
    static final LocalDate TODAY = LocalDate.of(2026, 8, 1);
    static final Set<String> STOP = Set.of("with", "from", "their", "into", "through", "this", "that", "for", "and",
            "the", "call", "calls", "proposals", "topic");

    @Test
    void benchmark() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        List<CallDto> calls = TestData.calls(TestData.EVAL_CALLS);
        List<CallDto> topics = TestData.calls(TestData.DEMO_CALLS);
        List<String> descriptions = descriptions(topics);
        System.out.printf("Read %d calls and %d topics (%d descriptions)%n", calls.size(), topics.size(),
                descriptions.size());

        Path root = Files.createTempDirectory("callmatch-bench");
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            AtomicLong chars = new AtomicLong();
            try (LuceneIndex.Rebuild rebuild = index.beginRebuild(SearchFields.SCHEMA_VERSION)) {
                // the writer takes documents from several threads, as a mass indexer would give them
                IntStream.range(0, CALLS).parallel().forEach(i -> {
                    CallDto call = synthesise(i, calls, topics, descriptions, new Random(42L + i));
                    chars.addAndGet(call.description().length());
                    try {
                        rebuild.add(call.identifier(), Documents.of(call));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                rebuild.swap(Map.of());
            }
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            double buildCpuSeconds = (cpuNanos() - cpuStart) / 1e9;
            System.gc();
            Thread.sleep(200);
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            long onDisk;
            try (Stream<Path> files = Files.walk(root)) {
                onDisk = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            // wall time depends on what else runs on the machine: the CPU time and load average say how much
            System.out.printf("Built %d calls (%d MB of description text, %d threads) in %.1f s (%.1f s CPU, "
                            + "load average %.1f); %d MB on disk; heap used after GC %d MB%n",
                    index.numDocs(), chars.get() >> 20, ForkJoinPool.getCommonPoolParallelism() + 1, buildSeconds,
                    buildCpuSeconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    onDisk >> 20, heap >> 20);

            List<SearchRequest> warmUp = queries(calls, new Random(1), WARM_UP);
            List<SearchRequest> measured = queries(calls, new Random(2), QUERIES);
            warmUp.forEach(index::search);
            long[] nanos = new long[measured.size()];
            long hits = 0;
            for (int i = 0; i < measured.size(); i++) {
                long t = System.nanoTime();
                hits += index.search(measured.get(i)).total();
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf("%d searches, one thread: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; "
                            + "%d hits on average%n", nanos.length, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6, hits / nanos.length);
        } finally {
            IOUtils.rm(root);
        }
    }

    /** The topics' descriptions long enough to take text windows from. */
    public static List<String> descriptions(List<CallDto> topics) {
        return topics.stream().map(CallDto::description).filter(d -> d != null && d.length() > 500).toList();
    }

    /** Not a copy: a new id, a title spliced from two calls, text windows from two topics, shifted dates and budgets. */
    public static CallDto synthesise(int i, List<CallDto> calls, List<CallDto> topics, List<String> descriptions,
                              Random random) {
        return synthesise(i, calls, topics, descriptions, random, 1500);
    }

    /** As {@link #synthesise(int, List, List, List, Random)}, with text windows of {@code window} characters. */
    public static CallDto synthesise(int i, List<CallDto> calls, List<CallDto> topics, List<String> descriptions,
                                     Random random, int window) {
        return synthesise(i, calls, topics, descriptions, random, call -> window);
    }

    /**
     * As {@link #synthesise(int, List, List, List, Random)}, with two text windows of {@code window.applyAsInt(a)}
     * characters each, where {@code a} is the real call the new one takes its title's start, dates and codes from.
     */
    public static CallDto synthesise(int i, List<CallDto> calls, List<CallDto> topics, List<String> descriptions,
                                     Random random, java.util.function.ToIntFunction<CallDto> window) {
        CallDto a = calls.get(random.nextInt(calls.size()));
        CallDto b = calls.get(random.nextInt(calls.size()));
        CallDto topic = topics.get(random.nextInt(topics.size()));
        String[] first = a.title().split(" ");
        String[] second = (random.nextBoolean() ? b.title() : topic.title()).split(" ");
        String title = String.join(" ", Arrays.copyOf(first, (first.length + 1) / 2)) + " "
                + String.join(" ", Arrays.copyOfRange(second, second.length / 2, second.length));
        int length = window.applyAsInt(a);
        String description = window(descriptions.get(random.nextInt(descriptions.size())), length, random) + " "
                + window(descriptions.get(random.nextInt(descriptions.size())), length, random);
        int shift = random.nextInt(801) - 400;
        LocalDate opening = a.openingDate() == null ? null : a.openingDate().plusDays(shift);
        List<LocalDate> deadlines = a.deadlines() == null ? List.of()
                : a.deadlines().stream().map(d -> d.plusDays(shift)).toList();
        BigDecimal budgetMin = random.nextInt(4) == 0 ? null
                : BigDecimal.valueOf((random.nextInt(100) + 1) * 100_000L);
        String programme = random.nextBoolean() ? a.programme() : topic.programme();
        List<String> keywords = topic.keywords() == null ? List.of()
                : topic.keywords().stream().limit(random.nextInt(4)).toList();
        CallStatus status = CallStatus.derive(null, opening, deadlines, null, TODAY);
        String id = String.format(Locale.ROOT, "SYN-%s-%05d", a.identifier(), i);
        return new CallDto(id, a.callIdentifier(), title, a.callTitle(), programme, a.cluster(), a.destination(),
                random.nextBoolean() ? a.actionType() : b.actionType(), status, opening, deadlines,
                a.deadlineModel(), budgetMin, budgetMin == null ? null : budgetMin.multiply(BigDecimal.valueOf(2)),
                null, null, description, keywords, null, null, "benchmark", null, null, null, null);
    }

    static String window(String text, int length, Random random) {
        int start = random.nextInt(Math.max(1, text.length() - length));
        return text.substring(start, Math.min(text.length(), start + length));
    }

    /** One to three words of a real title; a third with a status filter, some with facets, windows, budgets, sorts. */
    public static List<SearchRequest> queries(List<CallDto> calls, Random random, int n) {
        List<SearchRequest> queries = new ArrayList<>(n);
        while (queries.size() < n) {
            List<String> words = Arrays.stream(calls.get(random.nextInt(calls.size())).title().split("[^\\p{L}\\p{N}-]+"))
                    .filter(w -> w.length() > 3 && !STOP.contains(w.toLowerCase(Locale.ROOT))).toList();
            if (words.isEmpty()) {
                continue;
            }
            int count = 1 + random.nextInt(Math.min(3, words.size()));
            int from = random.nextInt(words.size() - count + 1);
            SearchRequest request = SearchRequest.of(String.join(" ", words.subList(from, from + count)));
            if (random.nextInt(3) == 0) {
                request = request.withFilter(SearchFields.STATUS, "OPEN", "FORTHCOMING");
            }
            if (random.nextInt(5) == 0) {
                request = request.withFilter(SearchFields.PROGRAMME, "Horizon Europe");
            }
            if (random.nextInt(5) == 0) {
                LocalDate from0 = TODAY.plusDays(random.nextInt(200));
                request = request.withDeadlineBetween(from0, from0.plusDays(90));
            }
            if (random.nextInt(10) == 0) {
                request = request.withBudgetMinAtLeast(2_000_000);
            }
            if (random.nextInt(4) == 0) {
                request = request.withFacets(SearchFields.PROGRAMME, SearchFields.STATUS, SearchFields.ACTION_TYPE,
                        SearchFields.CLUSTER);
            }
            if (random.nextInt(7) == 0) {
                request = request.sortedBy(SortBy.DEADLINE);
            }
            queries.add(request);
        }
        return queries;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
