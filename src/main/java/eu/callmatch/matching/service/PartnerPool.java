package eu.callmatch.matching.service;

import eu.callmatch.organisations.OrganisationDto;
import eu.callmatch.organisations.service.OrganisationService.PoolParticipation;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.matching.TopicCodes;
import eu.callmatch.search.matching.VectorFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The partner pool in memory, as partner matching reads it: every organisation with its past projects, every
 * project with its participating organisations, and every project's text vector. A snapshot: replaced whole when the
 * pool changes.
 */
final class PartnerPool {

    /**
     * How much a project's science fields weigh in its vector beside its topic title and own text (which together
     * weigh 1): they tell projects of one broad topic apart (an MSCA or ERC topic's title says nothing of the work),
     * but a field such as "sensors" is coarser than a title.
     */
    static final float FIELD_WEIGHT = 0.5f;
    /** The projects' vectors, in the file the embedder keeps under this name (v4: their texts as read here). */
    static final String VECTOR_FILE = "projects-v4";
    /** Projects embedded in the background between two writes of their vectors ({@link #embedMissing}). */
    static final int PORTION = 1_000;

    static final PartnerPool EMPTY = new PartnerPool(List.of(), List.of(), new float[0], new int[0][], new String[0][]);

    final List<PoolProject> projects;
    final List<OrganisationDto> organisations;
    /** Project i's unit vector at [i * DIMENSIONS, (i + 1) * DIMENSIONS); empty without embeddings. */
    final float[] vectors;
    /** Per organisation, the indexes of its projects, and its role in each. */
    final int[][] projectsOf;
    final String[][] rolesOf;
    /** Per organisation, how many of its projects it coordinated. */
    final int[] coordinated;
    /** Per project, the indexes of its organisations (the consortium it had). */
    final int[][] organisationsOf;
    /** Per project, the index of its topic in {@link #topics}, or -1; per distinct topic, its segments. */
    final int[] topicOf;
    final List<List<String>> topics;

    private PartnerPool(List<PoolProject> projects, List<OrganisationDto> organisations, float[] vectors,
                        int[][] projectsOf, String[][] rolesOf) {
        this.projects = projects;
        this.organisations = organisations;
        this.vectors = vectors;
        this.projectsOf = projectsOf;
        this.rolesOf = rolesOf;
        this.coordinated = new int[rolesOf.length];
        for (int o = 0; o < rolesOf.length; o++) {
            for (String role : rolesOf[o]) {
                coordinated[o] += "coordinator".equalsIgnoreCase(role) ? 1 : 0;
            }
        }
        this.organisationsOf = organisationsOf(projects.size(), projectsOf);
        Map<String, Integer> topicIndex = new HashMap<>();
        List<List<String>> distinct = new ArrayList<>();
        this.topicOf = new int[projects.size()];
        for (int i = 0; i < projects.size(); i++) {
            String topic = projects.get(i).topic();
            topicOf[i] = topic == null ? -1 : topicIndex.computeIfAbsent(topic, t -> {
                distinct.add(TopicCodes.segments(t));
                return distinct.size() - 1;
            });
        }
        this.topics = distinct;
    }

    private static int[][] organisationsOf(int projectCount, int[][] projectsOf) {
        int[] counts = new int[projectCount];
        for (int[] projects : projectsOf) {
            for (int j : projects) {
                counts[j]++;
            }
        }
        int[][] out = new int[projectCount][];
        for (int j = 0; j < projectCount; j++) {
            out[j] = new int[counts[j]];
            counts[j] = 0;
        }
        for (int o = 0; o < projectsOf.length; o++) {
            for (int j : projectsOf[o]) {
                out[j][counts[j]++] = o;
            }
        }
        return out;
    }

    boolean hasVectors() {
        return vectors.length > 0;
    }

    /**
     * What the project is about, as embedded: the title of the topic it was funded under (every CORDIS project has
     * one), and its own title and objective where the bundle has them. Each text is embedded on its own (the model
     * reads only the start of a text) and the vectors are blended; a topic's title is embedded once for all its
     * projects, so a pool of 15,000 projects of which few have their own text costs a few thousand model runs.
     */
    static List<String> texts(PoolProject p) {
        List<String> texts = new ArrayList<>(2);
        String topic = join(p.topicTitle(), null);
        if (!topic.isEmpty()) {
            texts.add(topic);
        }
        String own = join(p.title(), p.objective());
        if (!own.isEmpty()) {
            texts.add(own);
        }
        return texts;
    }

    /**
     * The project's vector from the vectors of its texts ({@link #texts}) and of its science fields, each field title
     * embedded on its own (a thousand distinct titles for a pool of any size): the texts' mean, then the fields' mean
     * added at {@link #FIELD_WEIGHT}; null when there is nothing to embed.
     */
    static float[] vector(PoolProject p, java.util.function.Function<String, float[]> embedded) {
        float[] text = mean(texts(p), embedded);
        float[] fields = mean(p.scienceFields() == null ? List.of() : p.scienceFields(), embedded);
        if (fields == null) {
            return text;
        }
        if (text == null) {
            return fields;
        }
        float[] sum = new float[TextEmbedder.DIMENSIONS];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = text[i] + FIELD_WEIGHT * fields[i];
        }
        return TextEmbedder.unit(sum);
    }

    /** The unit mean of the texts' vectors, or null when none has one. */
    private static float[] mean(List<String> texts, java.util.function.Function<String, float[]> embedded) {
        float[] sum = new float[TextEmbedder.DIMENSIONS];
        boolean any = false;
        for (String text : texts) {
            float[] v = text == null || text.isBlank() ? null : embedded.apply(text.strip());
            for (int i = 0; v != null && i < sum.length; i++) {
                sum[i] += v[i];
            }
            any |= v != null;
        }
        return any ? TextEmbedder.unit(sum) : null;
    }

    private static String join(String first, String second) {
        String a = first == null ? "" : first.strip();
        String b = second == null ? "" : second.strip();
        return a.isEmpty() ? b : b.isEmpty() ? a : a + ". " + b;
    }

    /**
     * The pool, with every project's vector: from {@code cache}, or embedded now on the caller's thread (a request's
     * way: ahead of the embedder's bulk workers) and kept there.
     */
    static PartnerPool build(List<PoolProject> projects, List<PoolParticipation> participations,
                             List<OrganisationDto> organisations, VectorFile cache, TextEmbedder embedder) {
        float[] vectors = new float[0];
        if (embedder.enabled()) {
            Map<String, float[]> missing = new java.util.concurrent.ConcurrentHashMap<>();
            // one thread: the other core stays with the import or the requests that run meanwhile
            Map<String, float[]> byText = new HashMap<>(); // topic and field titles recur: embedded once
            projects.forEach(p -> {
                String key = vectorKey(p);
                if (cache.get(key) == null) {
                    float[] v = vector(p, text -> byText.computeIfAbsent(text, embedder::embedStart));
                    missing.put(key, v == null ? new float[TextEmbedder.DIMENSIONS] : v);
                }
            });
            if (!missing.isEmpty()) {
                cache.putAll(missing);
            }
            int d = TextEmbedder.DIMENSIONS;
            vectors = new float[projects.size() * d];
            for (int i = 0; i < projects.size(); i++) {
                PoolProject p = projects.get(i);
                System.arraycopy(cache.get(vectorKey(p)), 0, vectors, i * d, d);
            }
        }
        return of(projects, participations, organisations, vectors);
    }

    /**
     * Embeds the projects that {@code cache} has no vector for yet, as {@link #build} would, but on the embedder's
     * bulk workers (which give way to requests), {@value #PORTION} projects at a time, each portion kept as it is
     * done: the background's way, so that the build that follows, or a request's meanwhile, finds them there.
     *
     * @return how many projects were embedded
     * @throws InterruptedException when interrupted (the portions done so far are kept)
     */
    static int embedMissing(List<PoolProject> projects, VectorFile cache, TextEmbedder embedder)
            throws InterruptedException {
        List<PoolProject> missing = projects.stream()
                .filter(p -> cache.get(vectorKey(p)) == null).toList();
        for (int from = 0; from < missing.size(); from += PORTION) {
            List<PoolProject> portion = missing.subList(from, Math.min(missing.size(), from + PORTION));
            // the texts vector() asks for, each once: a first pass that only notes them
            java.util.Set<String> asked = new java.util.LinkedHashSet<>();
            portion.forEach(p -> vector(p, text -> {
                asked.add(text);
                return null;
            }));
            List<String> texts = List.copyOf(asked);
            List<float[]> embedded = embedder.embedStartAll(texts);
            Map<String, float[]> byText = new HashMap<>(texts.size() * 2);
            for (int i = 0; i < texts.size(); i++) {
                byText.put(texts.get(i), embedded.get(i));
            }
            Map<String, float[]> vectors = new HashMap<>(portion.size() * 2);
            for (PoolProject p : portion) {
                float[] v = vector(p, byText::get);
                vectors.put(vectorKey(p), v == null ? new float[TextEmbedder.DIMENSIONS] : v);
            }
            cache.putAll(vectors);
        }
        return missing.size();
    }

    /** Where a project's vector is kept in the cache: by the project and its text as it is now. */
    private static String vectorKey(PoolProject p) {
        return VectorFile.key(p.id(), p.contentHash());
    }

    /** The pool over the given project vectors (project i's at [i * DIMENSIONS, ...), or empty for none). */
    static PartnerPool of(List<PoolProject> projects, List<PoolParticipation> participations,
                          List<OrganisationDto> organisations, float[] vectors) {
        Map<String, Integer> projectIndex = new HashMap<>();
        for (int i = 0; i < projects.size(); i++) {
            projectIndex.put(projects.get(i).id(), i);
        }
        Map<String, Integer> orgIndex = new HashMap<>();
        for (int i = 0; i < organisations.size(); i++) {
            orgIndex.put(organisations.get(i).pic(), i);
        }
        List<List<Integer>> ps = new ArrayList<>();
        List<List<String>> rs = new ArrayList<>();
        for (int i = 0; i < organisations.size(); i++) {
            ps.add(new ArrayList<>());
            rs.add(new ArrayList<>());
        }
        for (PoolParticipation p : participations) {
            Integer o = orgIndex.get(p.pic());
            Integer j = projectIndex.get(p.projectId());
            if (o != null && j != null) {
                ps.get(o).add(j);
                rs.get(o).add(p.role());
            }
        }
        int[][] projectsOf = new int[organisations.size()][];
        String[][] rolesOf = new String[organisations.size()][];
        for (int i = 0; i < organisations.size(); i++) {
            projectsOf[i] = ps.get(i).stream().mapToInt(Integer::intValue).toArray();
            rolesOf[i] = rs.get(i).toArray(String[]::new);
        }
        return new PartnerPool(projects, organisations, vectors, projectsOf, rolesOf);
    }
}
