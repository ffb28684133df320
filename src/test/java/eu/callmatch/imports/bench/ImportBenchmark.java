package eu.callmatch.imports.bench;

import eu.callmatch.common.TestData;
import eu.callmatch.common.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Import speed through the REST API on real data, into the real PostgreSQL, with the search indexes following: a set
 * of eight portal CSV files as large as the eight full exports the samples come from (1,651 rows; each sample's real
 * rows repeated under other identifiers), and the evaluation's CORDIS dev pool twice (the second import changes
 * nothing). The CSV set is timed twice: first as the JVM's first import (while the JIT compiler is still compiling the
 * import's code), then under other identifiers again in the service as it runs from then on. Run with
 * {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=ImportBenchmark}; figures are printed.
 */
@QuarkusTest
@Tag("benchmark")
class ImportBenchmark {

    /** Rows of the eight full Funding &amp; Tenders exports the CSV set stands in for. */
    static final int CSV_ROWS = 1_651;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    /** An import run as answered. */
    record Run(JsonNode json) {
        int getInt(String field) {
            return json.path(field).asInt();
        }

        Object getMap(String path) {
            JsonNode node = json;
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            return node;
        }
    }

    @Test
    void importSpeed() throws IOException {
        List<Path> samples;
        try (var files = Files.list(TestData.FT_CSV_EXPORTS)) {
            samples = files.sorted().toList();
        }
        int sampleRows = 0;
        for (Path sample : samples) {
            try (CSVParser parser = parse(sample)) {
                sampleRows += parser.getRecords().size();
            }
        }
        int rounds = (CSV_ROWS + sampleRows - 1) / sampleRows;
        // the first import after the JVM started runs while the JIT compiler compiles its code (several CPU seconds
        // on these 2 cores): it is timed on one set, then the same under other identifiers is timed in the service as
        // it runs after its first import
        Path copies = Files.createTempDirectory("callmatch-bench-copies");
        List<Path> first = new java.util.ArrayList<>();
        List<Path> csvs = new java.util.ArrayList<>();
        for (Path sample : samples) {
            String name = sample.getFileName().toString();
            first.add(repeated(sample, copies.resolve("COPY-" + name), "COPY-", rounds));
            csvs.add(repeated(sample, copies.resolve(name), "BENCH-", rounds));
        }
        CsvSet cold = importCsvs(first);
        CsvSet warm = importCsvs(csvs);

        Path bundle = TestData.DEV_POOL;
        long start = System.nanoTime();
        var firstCordis = post("/api/v1/imports/cordis", "application/zip", bundle);
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        // searchable when the request returns: the organisations are in the index already
        long searchable = given().queryParam("size", 1).when().get("/api/v1/organisations").then().statusCode(200)
                .extract().jsonPath().getLong("total");
        start = System.nanoTime();
        var second = post("/api/v1/imports/cordis", "application/zip", bundle);
        double secondSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%nIMPORT BENCHMARK (%d cores)%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("ft-csv, %d files, %d rows (the samples' %d rows %d times): %.2f s (target < 5 s)%n%s%n",
                csvs.size(), warm.rows(), sampleRows, rounds, warm.seconds(), warm.report());
        System.out.printf("ft-csv, the same under other identifiers as the JVM's first import: %.2f s%n%s%n",
                cold.seconds(), cold.report());
        System.out.printf("CORDIS dev pool (%s), first import: %.2f s (target < 60 s): %d organisations created, "
                + "%s participations; searchable on return: %d organisations in the index%n", bundle,
                firstSeconds, firstCordis.getInt("created"), firstCordis.getMap("details.participations"), searchable);
        System.out.printf("CORDIS dev pool, unchanged re-import: %.2f s = %.0f%% of the first (target < 33%%): "
                + "%d unchanged%n", secondSeconds, 100 * secondSeconds / firstSeconds, second.getInt("unchanged"));
    }

    /** What importing a set of CSV files took. */
    record CsvSet(int rows, double seconds, String report) {
    }

    private CsvSet importCsvs(List<Path> csvs) throws IOException {
        Map<String, Long> cpuBefore = cpuByThread();
        long postgresBefore = postgresCpu();
        long processBefore = processCpu();
        long start = System.nanoTime();
        int rows = 0;
        StringBuilder report = new StringBuilder();
        for (Path csv : csvs) {
            long fileStart = System.nanoTime();
            var run = post("/api/v1/imports/calls?format=ft-csv", "text/csv", csv);
            int fileRows = run.getInt("created") + run.getInt("updated") + run.getInt("unchanged")
                    + run.getInt("rejected");
            rows += fileRows;
            report.append(String.format("  %s: %d rows (%d created, %d updated), %.2f s%n", csv.getFileName(),
                    fileRows, run.getInt("created"), run.getInt("updated"), (System.nanoTime() - fileStart) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double postgres = (postgresCpu() - postgresBefore) / 1e9;
        report.append(String.format("  CPU meanwhile: %s; the whole JVM (with JIT compiler and GC threads) %.2f s; "
                        + "PostgreSQL %s", cpuSince(cpuBefore), (processCpu() - processBefore) / 1e9,
                postgres < 0 ? "not measured (no /proc)" : String.format("%.2f s", postgres)));
        return new CsvSet(rows, seconds, report.toString());
    }

    /** The rows of a portal CSV export, by its header (a BOM dropped). */
    private static CSVParser parse(Path csv) throws IOException {
        String text = Files.readString(csv).replace("\uFEFF", "");
        return CSVParser.parse(text, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build());
    }

    /**
     * The rows of a portal CSV export {@code rounds} times over, each time under other identifiers (the first column,
     * after {@code prefix} and the round): a file as large as a full export, of real rows.
     */
    private static Path repeated(Path csv, Path copy, String prefix, int rounds) throws IOException {
        try (CSVParser parser = parse(csv);
             CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(copy),
                     CSVFormat.DEFAULT.builder().setHeader(parser.getHeaderNames().toArray(String[]::new)).build())) {
            List<CSVRecord> records = parser.getRecords();
            for (int round = 1; round <= rounds; round++) {
                for (CSVRecord record : records) {
                    List<String> values = new java.util.ArrayList<>(record.toList());
                    values.set(0, prefix + round + "-" + values.get(0));
                    out.printRecord(values);
                }
            }
        }
        return copy;
    }

    /** CPU time used so far by each live thread of this JVM (the service and the test), by thread name. */
    private static Map<String, Long> cpuByThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                cpu.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), Math.max(0, nanos), Long::sum);
            }
        }
        return cpu;
    }

    /**
     * CPU time used so far by the PostgreSQL server's processes (its backends and background workers), in
     * nanoseconds, from /proc; -1 where there is no /proc or the server runs elsewhere.
     */
    private long postgresCpu() {
        List<Long> pids = new java.util.ArrayList<>();
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery("select pid from pg_stat_activity")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        long ticks = 0;
        for (long pid : pids) {
            Path stat = Path.of("/proc", String.valueOf(pid), "stat");
            if (!Files.exists(stat)) {
                return -1;
            }
            try {
                String line = Files.readString(stat);
                // after the command name in parentheses: state is field 3, utime 14 and stime 15
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** CPU time used so far by this whole JVM, in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU seconds used since {@code before}, in total and by the busiest threads (the machine may be shared). */
    private static String cpuSince(Map<String, Long> before) {
        Map<String, Long> after = cpuByThread();
        Map<String, Long> used = new HashMap<>();
        after.forEach((name, nanos) -> used.put(name, nanos - before.getOrDefault(name, 0L)));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        return String.format("%.2f s (%s)", total / 1e9, used.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / 1e9))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /**
     * Posts a file the way an import job does, streamed from disk. (REST Assured is not used for the uploads: it
     * renders a byte-array body for its failure log and parses answers with Groovy, which together cost more than
     * some of the imports being measured.)
     */
    private static Run post(String path, String contentType, Path file) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Content-Type", contentType).header("Accept", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return new Run(JSON.readTree(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
