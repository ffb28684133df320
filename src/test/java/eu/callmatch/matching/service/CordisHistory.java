package eu.callmatch.matching.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.callmatch.calls.CallDto;
import eu.callmatch.imports.formats.Cordis;
import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;
import eu.callmatch.imports.formats.CordisSink;
import eu.callmatch.organisations.mapping.OrganisationMapper;
import eu.callmatch.organisations.OrganisationDto;
import eu.callmatch.organisations.service.OrganisationService.PoolParticipation;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.matching.VectorFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The partner pool's own history as training material: the CORDIS bundle's projects, organisations and
 * participations, and the calls. Every topic of the bundle that is also a call becomes a case: all of its projects
 * leave the pool (as the evaluation's cases were built: the pool holds no project of a case's topic), and the
 * organisations that took part in them are what a ranking should find.
 */
final class CordisHistory {

    static final Path CALLS = Path.of("eval/calls.jsonl");
    static final Path BUNDLE = Path.of("eval/dev/cordis.zip");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A topic to rank for: the pool without the topic's projects, and who took part in them. */
    record Case(CallDto call, PartnerPool pool, Set<String> participants) {
    }

    final Map<String, CallDto> calls = new HashMap<>();
    final List<PoolProject> projects = new ArrayList<>();
    final List<OrganisationDto> organisations = new ArrayList<>();
    final List<PoolParticipation> participations = new ArrayList<>();
    /** The case topics (call identifiers with projects in the pool), sorted, with their projects' indexes. */
    final Map<String, List<Integer>> topics = new TreeMap<>();

    static CordisHistory load() throws IOException {
        CordisHistory h = new CordisHistory();
        try (Stream<String> lines = Files.lines(CALLS)) {
            for (String line : (Iterable<String>) lines::iterator) {
                CallDto call = JSON.readValue(line, CallDto.class);
                h.calls.put(call.identifier(), call);
            }
        }
        Set<String> withParticipants = new HashSet<>();
        Cordis.readBundle(BUNDLE, new CordisSink() {
            public void project(CordisProject p) {
                h.projects.add(new PoolProject(p.id(), p.acronym(), p.title(), p.objective(), p.topic(),
                        p.topicTitle(), p.scienceFields(), null));
            }

            public void organisation(CordisOrganisation o) {
                h.organisations.add(new OrganisationDto(o.pic(), o.name(), o.shortName(), o.country(), o.city(),
                        o.activityType(), OrganisationMapper.typeOf(o.activityType(), o.sme()), o.sme(), o.url(), 0,
                        null));
            }

            public void participation(CordisParticipation p) {
                h.participations.add(new PoolParticipation(p.pic(), p.projectId(), p.role()));
                withParticipants.add(p.projectId());
            }

            public void reject(String file, long line, String record, String reason) {
            }
        });
        for (int i = 0; i < h.projects.size(); i++) {
            PoolProject p = h.projects.get(i);
            if (p.topic() != null && h.calls.containsKey(p.topic()) && withParticipants.contains(p.id())) {
                h.topics.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(i);
            }
        }
        return h;
    }

    /** Every project's vector as the service builds it, read from (and added to) the cache file. */
    float[] vectors(TextEmbedder embedder, Path cache) {
        return PartnerPool.build(projects, participations, organisations, new VectorFile(cache), embedder).vectors;
    }

    /** The case of one topic, over the projects {@code kept} admits (all, or a test's subset). */
    Case hide(String topic, float[] vectors, Predicate<PoolProject> kept) {
        Set<String> hidden = new HashSet<>();
        topics.get(topic).forEach(i -> hidden.add(projects.get(i).id()));
        Set<String> participants = new HashSet<>();
        List<PoolParticipation> rest = new ArrayList<>();
        for (PoolParticipation p : participations) {
            if (hidden.contains(p.projectId())) {
                participants.add(p.pic());
            } else {
                rest.add(p);
            }
        }
        int d = TextEmbedder.DIMENSIONS;
        List<PoolProject> left = new ArrayList<>();
        float[] leftVectors = new float[vectors.length == 0 ? 0 : projects.size() * d];
        for (int i = 0; i < projects.size(); i++) {
            PoolProject p = projects.get(i);
            if (!hidden.contains(p.id()) && kept.test(p)) {
                if (vectors.length > 0) {
                    System.arraycopy(vectors, i * d, leftVectors, left.size() * d, d);
                }
                left.add(p);
            }
        }
        float[] trimmed = java.util.Arrays.copyOf(leftVectors, vectors.length == 0 ? 0 : left.size() * d);
        return new Case(calls.get(topic), PartnerPool.of(left, rest, organisations, trimmed), participants);
    }
}
