package eu.callmatch.matching.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import eu.callmatch.imports.formats.Cordis;
import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;
import eu.callmatch.imports.formats.CordisSink;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto;
import eu.callmatch.organisations.mapping.OrganisationMapper;
import eu.callmatch.organisations.OrganisationDto;
import eu.callmatch.organisations.service.OrganisationService.PoolParticipation;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.bench.SearchBenchmark;
import eu.callmatch.search.index.Documents;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.index.LuceneIndex;
import eu.callmatch.search.index.SearchFields;
import eu.callmatch.search.matching.CallMatchQuery;
import eu.callmatch.search.matching.CallMatcher;
import eu.callmatch.search.matching.CallText;
import eu.callmatch.search.matching.TextEmbedder;
import org.apache.lucene.util.IOUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Times the three matching paths on synthetic data recombined from real files of the repository ({@code eval/}, the
 * demo calls):
 * <ul>
 *   <li>call matches over 50,000 calls (the SearchBenchmark's synthetic calls, each with a text vector blended from
 *       two real calls' vectors), for real member and idea profiles from the evaluation, the profile's embedding
 *       included; target p50 under 20 ms;</li>
 *   <li>partner matches over 100,000 organisations (the CORDIS dev bundle copied seven times under new ids, each
 *       project with a vector blended from real topic vectors); target p50 under 50 ms;</li>
 *   <li>a consortium proposal from the same pool (200 candidates scored, then picked); target under 200 ms.</li>
 * </ul>
 * Vectors are blended from a few hundred real embeddings: embedding 150,000 texts would take the benchmark an hour,
 * and the scoring costs the same for any unit vector.
 *
 * <p>Run: {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=MatchingBenchmark}.
 */
@Tag("benchmark")
class MatchingBenchmark {

    static final int CALLS = 50_000;
    static final int ORGANISATION_COPIES = 7;
    static final int REAL_VECTORS = 200;
    static final int WARM_UP = 100;
    static final int QUERIES = 400;
    static final LocalDate TODAY = LocalDate.of(2026, 8, 1);

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void benchmark() throws Exception {
        TextEmbedder embedder = new TextEmbedder(true);
        List<CallDto> calls = TestData.calls(TestData.EVAL_CALLS);
        Random random = new Random(7);
        long started = System.nanoTime();
        List<float[]> real = new ArrayList<>();
        for (int i = 0; i < REAL_VECTORS; i++) {
            real.add(embedder.embed(CallText.vectorText(calls.get(random.nextInt(calls.size())))));
        }
        System.out.printf("Embedded %d real calls in %.1f s%n", REAL_VECTORS, (System.nanoTime() - started) / 1e9);
        callMatches(calls, real, embedder);
    }

    private static void callMatches(List<CallDto> calls, List<float[]> real, TextEmbedder embedder) throws Exception {
        List<CallDto> topics = TestData.calls(TestData.DEMO_CALLS);
        List<String> descriptions = SearchBenchmark.descriptions(topics);
        // -Dcallmatch.bench.index=DIR keeps the built index there and reuses it in the next run
        String keep = System.getProperty("callmatch.bench.index");
        Path root = keep == null ? Files.createTempDirectory("callmatch-matching-bench") : Path.of(keep);
        boolean reuse = keep != null && Files.exists(root.resolve("calls.current"));
        try (LuceneIndex index = LuceneIndex.open(root, IndexKind.CALLS)) {
            long start = System.nanoTime();
            if (!reuse) {
                try (LuceneIndex.Rebuild rebuild = index.beginRebuild(SearchFields.SCHEMA_VERSION)) {
                    IntStream.range(0, CALLS).parallel().forEach(i -> {
                        Random r = new Random(42L + i);
                        CallDto call = SearchBenchmark.synthesise(i, calls, topics, descriptions, r);
                        try {
                            rebuild.add(call.identifier(), Documents.of(call, blend(real, r)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    rebuild.swap(Map.of());
                }
            }
            System.out.printf("Built %d calls with vectors in %.1f s (load average %.1f)%n", index.numDocs(),
                    (System.nanoTime() - start) / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            List<JsonNode> profiles = new ArrayList<>();
            for (String file : List.of("dev/e2_member.jsonl", "dev/e1_idea.jsonl")) {
                try (Stream<String> lines = Files.lines(TestData.EVAL.resolve(file))) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        profiles.add(JSON.readTree(line).path("profile"));
                    }
                }
            }
            Random random = new Random(3);
            long[] embedding = new long[QUERIES];
            long[] matching = new long[QUERIES];
            long[] total = new long[QUERIES];
            long[] cpu = new long[QUERIES];
            long[] c1 = new long[1];
            // the model's own threads are not the caller's: the embedding's CPU is the process's (10 ms ticks), a mean
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long[] embeddingCpu = new long[1];
            IntConsumer query = i -> {
                JsonNode profile = profiles.get(random.nextInt(profiles.size()));
                String description = profile.path("description").asText();
                List<String> keywords = new ArrayList<>();
                profile.path("keywords").forEach(k -> keywords.add(k.asText()));
                long c0 = THREADS.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                // what CallMatchService does: the profile's vector and, for a list of interests, its sentences'
                TextEmbedder.Vectors vectors = embedder.embedProfile(
                        description + ". " + String.join(". ", keywords), description, CallMatchService.MAX_PARTS);
                float[] vector = vectors.text();
                List<float[]> parts = vectors.sentences();
                long t1 = System.nanoTime();
                long p1 = os.getProcessCpuTime();
                c1[0] = THREADS.getCurrentThreadCpuTime();
                // half as the evaluation asks (every status), half with the default eligibility filter
                boolean all = random.nextBoolean();
                CallMatcher.match(index, new CallMatchQuery(description, keywords, vector, parts,
                        all ? List.of("OPEN", "FORTHCOMING", "CLOSED") : List.of("OPEN", "FORTHCOMING"), List.of(),
                        List.of(), all ? null : TODAY, CallMatchService.CANDIDATES), all ? 100 : 20);
                long t2 = System.nanoTime();
                long c2 = THREADS.getCurrentThreadCpuTime();
                if (i >= 0) {
                    cpu[i] = c2 - c1[0];
                    embedding[i] = t1 - t0;
                    matching[i] = t2 - t1;
                    total[i] = t2 - t0;
                    embeddingCpu[0] += p1 - p0;
                }
            };
            for (int i = 0; i < WARM_UP; i++) {
                query.accept(-1);
            }
            for (int i = 0; i < QUERIES; i++) {
                query.accept(i);
            }
            report(QUERIES + " call matches over " + CALLS + " calls, total", total);
            report("  of which the profile's embedding", embedding);
            System.out.printf("  the profile's embedding, CPU time of the process: mean %.2f ms%n",
                    embeddingCpu[0] / 1e6 / QUERIES);
            report("  of which ranking (lexical, vectors, feedback)", matching);
            report("  ranking, CPU time of the thread (what the load average does not change)", cpu);
            // the partner pool is built while the calls' index is open, as both are in the service
            partnerMatches(calls, real, index.numDocs() + " calls indexed");
        } finally {
            if (keep == null) {
                IOUtils.rm(root);
            }
        }
    }

    private static void partnerMatches(List<CallDto> calls, List<float[]> real, String alongside) throws IOException {
        List<CordisProject> projects = new ArrayList<>();
        List<CordisOrganisation> organisations = new ArrayList<>();
        List<CordisParticipation> participations = new ArrayList<>();
        Cordis.readBundle(TestData.DEV_POOL, new CordisSink() {
            public void project(CordisProject project) {
                projects.add(project);
            }

            public void organisation(CordisOrganisation organisation) {
                organisations.add(organisation);
            }

            public void participation(CordisParticipation participation) {
                participations.add(participation);
            }

            public void reject(String file, long line, String record, String reason) {
            }
        });
        List<PoolProject> poolProjects = new ArrayList<>();
        List<OrganisationDto> poolOrganisations = new ArrayList<>();
        List<PoolParticipation> poolParticipations = new ArrayList<>();
        Map<String, Long> counts = participations.stream()
                .collect(Collectors.groupingBy(CordisParticipation::pic, Collectors.counting()));
        Random random = new Random(11);
        int d = TextEmbedder.DIMENSIONS;
        float[] vectors = new float[ORGANISATION_COPIES * projects.size() * d];
        int at = 0;
        for (int copy = 0; copy < ORGANISATION_COPIES; copy++) {
            String suffix = copy == 0 ? "" : "-" + copy;
            for (CordisProject p : projects) {
                poolProjects.add(new PoolProject(p.id() + suffix, p.acronym(), p.title(), p.objective(), p.topic(),
                        p.topicTitle(), p.scienceFields(), null));
                // projects of one topic lie close together: one real vector per topic, and a little of another
                float[] topic = real.get(Math.floorMod(Objects.hashCode(p.topic()), real.size()));
                float[] other = real.get(random.nextInt(real.size()));
                float[] v = new float[d];
                for (int k = 0; k < d; k++) {
                    v[k] = topic[k] + 0.4f * other[k] + 0.05f * (float) random.nextGaussian();
                }
                System.arraycopy(TextEmbedder.unit(v), 0, vectors, at, d);
                at += d;
            }
            for (CordisOrganisation o : organisations) {
                poolOrganisations.add(new OrganisationDto(o.pic() + suffix, o.name(), o.shortName(), o.country(),
                        o.city(), o.activityType(), OrganisationMapper.typeOf(o.activityType(), o.sme()), o.sme(),
                        o.url(), counts.getOrDefault(o.pic(), 0L), null));
            }
            for (CordisParticipation p : participations) {
                poolParticipations.add(new PoolParticipation(p.pic() + suffix, p.projectId() + suffix, p.role()));
            }
        }
        long start = System.nanoTime();
        PartnerPool pool = PartnerPool.of(poolProjects, poolParticipations, poolOrganisations, vectors);
        System.out.printf("Partner pool: %d organisations, %d projects, %d participations, built in %.1f s%n",
                pool.organisations.size(), pool.projects.size(), poolParticipations.size(),
                (System.nanoTime() - start) / 1e9);

        MemberDto lead = new MemberDto(1L, null, "Benchmark lead SME", null, "FR", null, OrganisationType.SME,
                "Underwater inspection drones", List.of("robotics"), List.of(), List.of(), null, null, null, null, null);
        Set<String> eligible = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "EL", "GR",
                "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "NO", "IS",
                "CH", "UK", "GB", "IL", "TR", "RS", "UA");
        PartnerRanker ranker = PartnerMatchService.loadRanker(MatchingBenchmark.class.getClassLoader());
        Random queries = new Random(5);
        long[] partner = new long[QUERIES];
        long[] consortium = new long[QUERIES];
        long[] partnerCpu = new long[QUERIES];
        for (int i = -WARM_UP; i < QUERIES; i++) {
            CallDto call = calls.get(queries.nextInt(calls.size()));
            float[] callVector = blend(real, queries);
            // the title's vector comes from a cache (or one model run, outside the ranking measured here)
            float[] titleVector = blend(real, queries);
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            PartnerMatchService.organisations(ranker, pool, call, callVector, titleVector, null, null, null, 50);
            long t1 = System.nanoTime();
            long c1 = THREADS.getCurrentThreadCpuTime();
            List<PartnerMatchService.Scored> candidates = PartnerMatchService.organisations(ranker, pool, call, callVector,
                    titleVector, lead, null, null, ConsortiumService.POOL).items();
            ConsortiumService.assemble(call, lead, ConsortiumService.minimumSize(call), 4, candidates, eligible, eligible);
            long t2 = System.nanoTime();
            if (i >= 0) {
                partner[i] = t1 - t0;
                partnerCpu[i] = c1 - c0;
                consortium[i] = t2 - t1;
            }
        }
        report(QUERIES + " partner matches over " + pool.organisations.size() + " organisations", partner);
        report("  CPU time of the thread", partnerCpu);
        report(QUERIES + " consortium proposals", consortium);
        memory(alongside + ", a partner pool of " + pool.organisations.size() + " organisations");
        java.lang.ref.Reference.reachabilityFence(pool);
    }

    /**
     * The process's resident memory and the heap in use after a collection, with the calls' index and the partner
     * pool alive: what they hold beside the service's own (Quarkus, Hibernate, the database's connections), which
     * this benchmark does not start.
     */
    static void memory(String when) throws IOException {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().map(l -> l.replaceAll("\\D+", "")).orElse("?");
        System.out.printf("Memory, %s: process RSS %s MB, heap in use after a collection %d MB (max %d MB)%n", when,
                rss.equals("?") ? "?" : String.valueOf(Long.parseLong(rss) / 1024),
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
    }

    /** A unit vector between two real ones, as a call's text would be between two calls' texts. */
    static float[] blend(List<float[]> real, Random random) {
        float[] a = real.get(random.nextInt(real.size()));
        float[] b = real.get(random.nextInt(real.size()));
        float w = 0.3f + 0.4f * random.nextFloat();
        float[] v = new float[a.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = w * a[k] + (1 - w) * b[k];
        }
        return TextEmbedder.unit(v);
    }

    static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
