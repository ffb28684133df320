package eu.callmatch.search.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.callmatch.calls.CallDto;
import eu.callmatch.common.MetricsTest;
import eu.callmatch.common.TestData;
import eu.callmatch.common.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's figures, over HTTP against the service as it runs: the CORDIS dev pool and the 2,306 real calls of
 * {@code eval/calls.jsonl} imported first (the calls with their vectors), then {@code -Dbench.calls} (50,000) new
 * calls recombined from real ones (as in {@link SearchBenchmark}, each with text windows as long as the real call it
 * is made from: {@code -Dbench.lengths}, see {@link #synthesise}) imported in files of 10,000, as a nightly job posts
 * them. It prints:
 * <ul>
 *   <li>how long the new calls' vectors took after the last import ended, and the rate;</li>
 *   <li>meanwhile, call matches for real project ideas ({@code eval/dev/e1_idea.jsonl}) sent by one client, one a
 *       second: p50, p99 and the pending vectors they reported, over the import and the backlog, and apart: those
 *       sent during the import, and those sent after it while the vectors were computed; each one slower than
 *       {@link #SLOW_NANOS} with when it was sent and how many segments the calls index had just after;</li>
 *   <li>how long Lucene went on merging the calls index's segments after that (the admin status's {@code merging}),
 *       and the call matches' latency meanwhile;</li>
 *   <li>afterwards, at one client: call matches (a profile not seen before each time: its embedding included),
 *       searches (one to three words of real titles), each twice (the second time after 1,000 more: warm), the same
 *       for a list view, and once more after 3,000 more (how much warmer the service still gets), partner
 *       matches for real calls (p50, p99), each with the means at the client, in the service and in its parts (the
 *       calls index; reading the calls or their outlines from PostgreSQL); at 8 clients: call matches a second;</li>
 *   <li>the JVM's resident memory (the service and this client; PostgreSQL runs in its own processes).</li>
 * </ul>
 * Run: {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=VectorsBenchmark [-Dbench.calls=10000]
 * [-Dbench.lengths=average]}.
 */
@QuarkusTest
@Tag("benchmark")
class VectorsBenchmark {

    static final int CALLS = Integer.getInteger("bench.calls", 50_000);
    static final int FILE_CALLS = 10_000;
    /** A call match during the backlog slower than this is printed with the time it was sent. */
    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    static final String REAL_LENGTHS = "real";
    static final String LENGTHS = System.getProperty("bench.lengths", REAL_LENGTHS);
    /**
     * The helpdesk's clients: HTTP/1.1, a connection per request in flight. Over HTTP/2 one client sent a call match
     * on the connection that carried an import's upload, behind its frames (its body took 0.7 s to arrive, in a
     * profiled run).
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).build();
    /** The nightly import job, a client of its own: its uploads do not pass through the helpdesk's client. */
    static final HttpClient IMPORTER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** What a list of calls shows, as its {@code fields} parameter names it. */
    static final String LIST_VIEW = "programme,actionType,status,deadlines,budgetMin,budgetMax,url";
    static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @Test
    void vectorsAtScale() throws Exception {
        List<CallDto> real = TestData.calls(TestData.EVAL_CALLS);
        List<String> ideas = ideas();
        Path work = Files.createTempDirectory("callmatch-vectors-bench");

        long t = System.nanoTime();
        send("POST", "/api/v1/imports/cordis", "application/zip", Files.readAllBytes(TestData.DEV_POOL), 200);
        System.out.printf("CORDIS dev pool imported in %.1f s%n", seconds(t));
        t = System.nanoTime();
        send("POST", "/api/v1/imports/calls?format=callmatch-jsonl", "application/x-ndjson",
                Files.readAllBytes(TestData.EVAL_CALLS), 200);
        awaitNoBacklog();
        System.out.printf("%d real calls imported and embedded in %.1f s%n", real.size(), seconds(t));

        // a service that has answered call matches before (a helpdesk's, when the nightly import comes): the first
        // ones after a start load and compile the ranking (the very first took 1.8 s)
        for (int i = 0; i < 20; i++) {
            send("POST", "/api/v1/call-matches?limit=20", "application/json", profile(ideas.get(i)), 200);
        }
        List<Path> files = synthesise(real, work);
        AtomicBoolean importing = new AtomicBoolean(true);
        List<long[]> during = new ArrayList<>(); // {nanos, pendingVectors, 1 when sent during the import}
        ExecutorService client = Executors.newSingleThreadExecutor();
        long importStart = System.nanoTime();
        List<Long> merging = new ArrayList<>(); // after the backlog, while Lucene merged the calls index
        Future<?> matches = client.submit(() -> {
            Random random = new Random(7);
            while (importing.get() || pending() > 0 || callsIndex().path("merging").asBoolean()) {
                boolean sentDuringImport = importing.get();
                long start = System.nanoTime();
                JsonNode answer = send("POST", "/api/v1/call-matches?limit=20", "application/json",
                        profile(ideas.get(random.nextInt(ideas.size()))), 200);
                long nanos = System.nanoTime() - start;
                long pending = answer.path("pendingVectors").asLong();
                if (nanos > SLOW_NANOS) {
                    JsonNode index = callsIndex(); // the segments a search then reads: many while merges fall behind
                    System.out.printf("A slow call match during the import or the backlog: %.0f ms, sent at %s; the "
                                    + "calls index has %d segments now%s%n", nanos / 1e6,
                            java.time.LocalTime.now().minusNanos(nanos), index.path("segments").asInt(),
                            index.path("merging").asBoolean() ? ", merging" : "");
                }
                synchronized (during) {
                    if (pending > 0 || importing.get()) {
                        during.add(new long[]{nanos, pending, sentDuringImport ? 1 : 0});
                    } else {
                        merging.add(nanos);
                    }
                }
                sleep(1000);
            }
            return null;
        });
        for (Path file : files) {
            send(IMPORTER, "POST", "/api/v1/imports/calls?format=callmatch-jsonl&async=false",
                    "application/x-ndjson", Files.readAllBytes(file), 200);
        }
        // synchronous imports, each answered when its calls are stored and searchable (in tests they do not wait
        // for their vectors: callmatch.import.vector-wait is 0 there)
        double imported = seconds(importStart);
        long importEnd = System.nanoTime();
        importing.set(false);
        awaitNoBacklog();
        double vectors = seconds(importEnd);
        double all = seconds(importStart);
        long vectorsEnd = System.nanoTime();
        matches.get(); // its loop ends once Lucene no longer merges the calls index (it looks once a second)
        double merged = seconds(vectorsEnd);
        client.shutdown();
        System.out.printf("%d new calls: imported in %.1f s (the last file answered then); all their vectors done "
                + "%.1f s after that, %.1f s after the first file began: %.0f calls/s%n", CALLS, imported, vectors,
                all, CALLS / all);
        long[] duringNanos = during.stream().filter(d -> d[1] > 0).mapToLong(d -> d[0]).sorted().toArray();
        System.out.printf("During the import and the backlog, 1 client, one call match a second: %d matches said "
                + "vectors were pending; p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", duringNanos.length,
                ms(duringNanos, 0.5), ms(duringNanos, 0.99), max(duringNanos));
        // the "during that time": while the vectors are computed, which begins once the imports stop
        long[] importNanos = during.stream().filter(d -> d[1] > 0 && d[2] == 1).mapToLong(d -> d[0]).sorted()
                .toArray();
        long[] backlogNanos = during.stream().filter(d -> d[1] > 0 && d[2] == 0).mapToLong(d -> d[0]).sorted()
                .toArray();
        System.out.printf("  of them sent during the import: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms; after it, "
                        + "while the vectors were computed: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                importNanos.length, ms(importNanos, 0.5), ms(importNanos, 0.99), max(importNanos),
                backlogNanos.length, ms(backlogNanos, 0.5), ms(backlogNanos, 0.99), max(backlogNanos));
        long[] mergingNanos = merging.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("Lucene merged the calls index's segments until %.1f s after the vectors were done (%d "
                + "segments then); meanwhile %d call matches: p50 %.1f ms, p99 %.1f ms. The figures below are "
                + "measured after that.%n", merged, callsIndex().path("segments").asInt(),
                mergingNanos.length, ms(mergingNanos, 0.5), ms(mergingNanos, 0.99));

        // afterwards
        List<String> callIds = real.stream().map(CallDto::identifier).toList();
        Random random = new Random(11);
        timed("call matches, 1 client", 20, 200, i -> receive("POST", "/api/v1/call-matches?limit=20",
                "application/json", profile(ideas.get(i % ideas.size()) + " (" + i + ")"), 200),
                ServerTime.route("POST", "/api/v1/call-matches"), ServerTime.OUTLINES_READ);
        // 1,000 more, and 200 timed again (new profiles still): as with the searches below, the first rounds after
        // a start run partly unoptimised code
        timed("call matches, 1 client, after 1,000 more", 1_000, 200, i -> receive("POST",
                "/api/v1/call-matches?limit=20", "application/json",
                profile(ideas.get(i % ideas.size()) + " (again " + i + ")"), 200),
                ServerTime.route("POST", "/api/v1/call-matches"), ServerTime.OUTLINES_READ);
        List<String> queries = SearchBenchmark.queries(real, new Random(3), 1_000).stream()
                .map(r -> r.text()).toList();
        Request search = i -> receive("GET", "/api/v1/calls?size=20&q="
                + URLEncoder.encode(queries.get(i % queries.size()), StandardCharsets.UTF_8), null, null, 200);
        timed("searches, 1 client", 100, 1_000, search,
                ServerTime.searches());
        // the same 1,000 again: the first round after a start still runs partly unoptimised code (in a service that
        // has run for a while, searches run the code the JIT compiler has optimised)
        timed("searches, 1 client, the same again", 0, 1_000, search,
                ServerTime.searches());
        // and as a list view asks: what it shows, without the calls' long texts (a page of whole calls is ~100 KB)
        timed("searches, 1 client, the same for a list view (" + LIST_VIEW + ")", 0, 1_000,
                i -> receive("GET", "/api/v1/calls?size=20&fields=" + LIST_VIEW + "&q=" + URLEncoder.encode(
                        queries.get(i % queries.size()), StandardCharsets.UTF_8), null, null, 200),
                ServerTime.searches());
        // and whole calls once more, after 3,000 more: how far the JIT compiler has still to go after the rounds above
        // (methods run once a request are compiled fully after some 5,000 runs; until then they run as C1 compiled
        // them, with profiling)
        timed("searches, 1 client, the same after 3,000 more", 3_000, 1_000, search,
                ServerTime.searches());
        timed("partner matches, 1 client", 20, 200, i -> receive("GET", "/api/v1/calls/"
                + callIds.get(random.nextInt(callIds.size())) + "/partner-matches?limit=20", null, null, 200),
                ServerTime.route("GET", "/api/v1/calls/*/partner-matches"));
        throughput(ideas, false);
        throughput(ideas, true);
        long rss = rssKb();
        System.out.printf("JVM (service and client) resident memory: %s; heap in use %d MB%n",
                rss < 0 ? "not measured (no /proc)" : (rss >> 10) + " MB",
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }

    /**
     * Call matches from 8 clients for 20 s, after 5 s of warm-up: requests a second, p50 and p99. Each request a
     * profile not seen before (its embedding included), or {@code seen}: 20 profiles over and over (their vectors
     * remembered, as for members matched again).
     */
    private void throughput(List<String> ideas, boolean seen) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        List<Long> nanos = java.util.Collections.synchronizedList(new ArrayList<>());
        long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long end = warm + TimeUnit.SECONDS.toNanos(20);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < end) {
                    int i = next.getAndIncrement();
                    long start = System.nanoTime();
                    receive("POST", "/api/v1/call-matches?limit=20", "application/json",
                            profile(seen ? ideas.get(i % 20) : ideas.get(i % ideas.size()) + " (" + i + " of 8)"), 200);
                    if (start >= warm) {
                        nanos.add(System.nanoTime() - start);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("call matches, 8 clients, %s: %.0f requests/s (p50 %.1f ms, p99 %.1f ms)%n",
                seen ? "20 profiles over and over" : "a new profile each time", sorted.length / 20.0,
                ms(sorted, 0.5), ms(sorted, 0.99));
    }

    interface Request {
        /** Sends the i-th request; its answer's body. */
        byte[] send(int i) throws Exception;
    }

    /**
     * Where a round's time goes: the service's own mean for its requests, from the Prometheus metrics it serves
     * ({@code http_server_requests_seconds} for one method and route, or one of the service's timers), so that the
     * client's share (the HTTP client, reading and parsing the answer, in this same JVM) shows beside it.
     *
     * @param labels a pattern the series' labels match (as printed, in braces), summed over the series that do
     */
    record ServerTime(String what, String metric, Pattern labels) {

        static final ServerTime CALLS_INDEX = new ServerTime("in the calls index", "callmatch_search_latency_seconds",
                Pattern.compile(Pattern.quote("index=\"calls\"")));
        static final ServerTime CALLS_READ = new ServerTime("reading the calls from PostgreSQL",
                "callmatch_calls_read_seconds", Pattern.compile(Pattern.quote("rows=\"calls\"")));
        static final ServerTime OUTLINES_READ = new ServerTime("reading the outlines from PostgreSQL",
                "callmatch_calls_read_seconds", Pattern.compile(Pattern.quote("rows=\"outlines\"")));

        /** A search's: in the service, of it in the calls index, and reading the page's calls. */
        static ServerTime[] searches() {
            return new ServerTime[]{route("GET", "/api/v1/calls"), CALLS_INDEX, CALLS_READ};
        }

        /**
         * The HTTP server's time for the successful requests to {@code route}, the path as the resource declares it
         * ({@code *}: any path parameter, however the metric prints its template).
         */
        static ServerTime route(String method, String route) {
            String uri = Arrays.stream(route.split("\\*", -1)).map(Pattern::quote)
                    .collect(java.util.stream.Collectors.joining("\\{[^}]*\\}"));
            return new ServerTime("in the service", "http_server_requests_seconds", Pattern.compile(
                    "method=\"" + method + "\".*status=\"200\".*uri=\"" + uri + "\""));
        }

        /** [requests, seconds] so far. */
        double[] read() {
            String metrics = MetricsTest.metrics();
            return new double[]{MetricsTest.sum(metrics, metric + "_count", labels),
                    MetricsTest.sum(metrics, metric + "_sum", labels)};
        }
    }

    static void timed(String what, int warmUp, int n, Request request, ServerTime... servers)
            throws Exception {
        for (int i = 0; i < warmUp; i++) {
            request.send(n + i);
        }
        double[][] before = Arrays.stream(servers).map(ServerTime::read).toArray(double[][]::new);
        long[] nanos = new long[n];
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            byte[] answer = request.send(i);
            nanos[i] = System.nanoTime() - start;
            bytes += answer.length;
        }
        StringBuilder means = new StringBuilder(String.format("; answers of %.1f KB; mean %.1f ms at the client",
                bytes / 1024.0 / n, Arrays.stream(nanos).average().orElse(0) / 1e6));
        for (int s = 0; s < servers.length; s++) {
            double[] after = servers[s].read();
            double count = after[0] - before[s][0];
            means.append(count == 0 ? String.format(", %s not measured (no metric %s{%s})", servers[s].what(),
                    servers[s].metric(), servers[s].labels().pattern())
                    : String.format(", %.1f ms %s", (after[1] - before[s][1]) * 1000 / count, servers[s].what()));
        }
        Arrays.sort(nanos);
        System.out.printf("%s: p50 %.1f ms, p99 %.1f ms (%d requests)%s%n", what, ms(nanos, 0.5), ms(nanos, 0.99), n,
                means);
    }

    /**
     * New calls in files of FILE_CALLS, recombined from real ones: each with a description about as long as that of
     * the real call it is made from ({@value #REAL_LENGTHS}, the default), or all as long as the real calls' are on
     * average ({@code -Dbench.lengths=average}). Most real descriptions are short and a few very long, so calls of the
     * average length are longer than most: the model reads 59 word pieces of them on average, 39 of those of the
     * default, 32 of the real calls.
     */
    private static List<Path> synthesise(List<CallDto> real, Path work) throws IOException {
        List<CallDto> topics = TestData.calls(TestData.DEMO_CALLS);
        List<String> descriptions = SearchBenchmark.descriptions(topics);
        int average = (int) real.stream().mapToInt(VectorsBenchmark::descriptionLength).average().orElse(1500) / 2;
        java.util.function.ToIntFunction<CallDto> window = switch (LENGTHS) {
            case REAL_LENGTHS -> call -> descriptionLength(call) / 2;
            case "average" -> call -> average;
            default -> throw new IllegalArgumentException("bench.lengths is real or average, not " + LENGTHS);
        };
        List<Path> files = new ArrayList<>();
        for (int from = 0; from < CALLS; from += FILE_CALLS) {
            StringBuilder file = new StringBuilder();
            for (int i = from; i < Math.min(CALLS, from + FILE_CALLS); i++) {
                CallDto call = SearchBenchmark.synthesise(i, real, topics, descriptions, new Random(42L + i), window);
                ObjectNode json = JSON.valueToTree(call);
                json.remove("status"); // derived by the service from the dates
                file.append(JSON.writeValueAsString(json)).append('\n');
            }
            Path path = work.resolve("calls-" + from + ".jsonl");
            Files.writeString(path, file);
            files.add(path);
        }
        System.out.printf("%d new calls in %d files (text windows %s)%n", CALLS, files.size(),
                REAL_LENGTHS.equals(LENGTHS) ? "as long as the real calls'" : "of " + average + " characters");
        return files;
    }

    private static int descriptionLength(CallDto call) {
        return call.description() == null ? 0 : call.description().length();
    }

    private static List<String> ideas() throws IOException {
        List<String> ideas = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.EVAL.resolve(Path.of("dev", "e1_idea.jsonl")))) {
            ideas.add(JSON.readTree(line).path("profile").path("description").asText());
        }
        return ideas;
    }

    private static byte[] profile(String description) {
        try {
            return JSON.writeValueAsBytes(java.util.Map.of("description", description));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long pending() {
        return callsIndex().path("vectorsPending").asLong();
    }

    static JsonNode callsIndex() {
        for (JsonNode index : send("GET", "/api/v1/admin/index", null, null, 200).path("indexes")) {
            if ("CALLS".equals(index.path("kind").asText())) {
                return index;
            }
        }
        throw new AssertionError("no calls index in the admin status");
    }

    static void awaitNoBacklog() {
        long until = System.nanoTime() + TimeUnit.HOURS.toNanos(2);
        while (pending() > 0) {
            assertTrue(System.nanoTime() < until, "the backlog ends within two hours");
            sleep(500);
        }
    }

    private static JsonNode send(String method, String path, String contentType, byte[] body, int status) {
        return send(HTTP, method, path, contentType, body, status);
    }

    private static JsonNode send(HttpClient client, String method, String path, String contentType, byte[] body,
                                 int status) {
        try {
            return JSON.readTree(receive(client, method, path, contentType, body, status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer's body, as it arrived, unparsed: a timed request's clock stops at its last byte, as a load tool's
     * does (parsing a page of 20 whole calls, ~100 KB, took this client about 1.5 ms more).
     */
    static byte[] receive(String method, String path, String contentType, byte[] body, int status) {
        return receive(HTTP, method, path, contentType, body, status);
    }

    private static byte[] receive(HttpClient client, String method, String path, String contentType, byte[] body,
                                  int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + path)).header("Authorization", AUTHORIZATION).header("Accept", "application/json")
                .timeout(java.time.Duration.ofMinutes(30));
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(status, response.statusCode(),
                    () -> path + ": " + new String(response.body(), StandardCharsets.UTF_8));
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static double ms(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : SearchBenchmark.ms(sorted, quantile);
    }

    private static double max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
    }

    /** This process's resident memory in KiB, from /proc; -1 without it. */
    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
