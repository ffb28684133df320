package eu.callmatch.matching.service;

import eu.callmatch.calls.rest.CallDto;
import eu.callmatch.common.TestData;
import eu.callmatch.imports.formats.Cordis;
import eu.callmatch.imports.formats.CordisOrganisation;
import eu.callmatch.imports.formats.CordisParticipation;
import eu.callmatch.imports.formats.CordisProject;
import eu.callmatch.imports.formats.CordisSink;
import eu.callmatch.organisations.mapping.OrganisationMapper;
import eu.callmatch.organisations.rest.OrganisationDto;
import eu.callmatch.organisations.service.OrganisationService.PoolParticipation;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.matching.CallText;
import eu.callmatch.search.matching.TextEmbedder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the partner ranking against the pool itself, with no evaluation case: every topic of the CORDIS bundle that
 * is also a call in the calls file is hidden in turn (its projects leave the pool, as if the call were still to be
 * answered), organisations are ranked for the call, and the share of the hidden projects' participants among the
 * first {@value #FIRST} is averaged over the topics. Printed with the call's title view ({@link
 * PartnerMatchService#TITLE_WEIGHT}) and with the whole text alone, with the spread of the difference: this is how
 * the title view was chosen and how any weight of the ranking can be checked on another pool.
 *
 * <p>Run: {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=PartnerSelfCheck} (on the
 * evaluation's call corpus and dev pool in {@code eval/}; it embeds the pool's projects first, a few minutes on 2
 * cores, kept in {@code target/partner-self-check} for the next run).
 */
@Tag("benchmark")
class PartnerSelfCheck {

    static final int FIRST = 50;

    @Test
    void hiddenTopicsParticipantsRankHigh() throws Exception {
        Map<String, CallDto> calls = new HashMap<>();
        for (CallDto call : TestData.calls(TestData.EVAL_CALLS)) {
            calls.put(call.identifier(), call);
        }
        List<PoolProject> projects = new ArrayList<>();
        List<OrganisationDto> organisations = new ArrayList<>();
        List<PoolParticipation> participations = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        Cordis.readBundle(TestData.DEV_POOL, new CordisSink() {
            public void project(CordisProject p) {
                projects.add(new PoolProject(p.id(), p.acronym(), p.title(), p.objective(), p.topic(), p.topicTitle(),
                        p.scienceFields(), null));
            }

            public void organisation(CordisOrganisation o) {
                organisations.add(new OrganisationDto(o.pic(), o.name(), o.shortName(), o.country(), o.city(),
                        o.activityType(), OrganisationMapper.typeOf(o.activityType(), o.sme()), o.sme(), o.url(), 0,
                        null));
            }

            public void participation(CordisParticipation p) {
                participations.add(new PoolParticipation(p.pic(), p.projectId(), p.role()));
                counts.merge(p.projectId(), 1, Integer::sum);
            }

            public void reject(String file, long line, String record, String reason) {
            }
        });
        TextEmbedder embedder = new TextEmbedder(true);
        long started = System.nanoTime();
        ProjectVectors cache = new ProjectVectors(Path.of("target/partner-self-check/projects.bin"));
        PartnerPool whole = PartnerPool.build(projects, participations, organisations, cache, embedder);
        System.out.printf("Pool: %d organisations, %d projects, vectors in %.0f s%n", organisations.size(),
                projects.size(), (System.nanoTime() - started) / 1e9);

        // the topics to hide: those the calls file has, with their projects
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (int i = 0; i < projects.size(); i++) {
            String topic = projects.get(i).topic();
            if (topic != null && calls.containsKey(topic) && counts.containsKey(projects.get(i).id())) {
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(i);
            }
        }
        double withTitle = 0;
        double textOnly = 0;
        double squares = 0;
        int better = 0;
        int worse = 0;
        for (Map.Entry<String, List<Integer>> e : byTopic.entrySet()) {
            Set<String> hidden = new HashSet<>();
            e.getValue().forEach(i -> hidden.add(projects.get(i).id()));
            Set<String> participants = new HashSet<>();
            List<PoolParticipation> kept = new ArrayList<>();
            for (PoolParticipation p : participations) {
                if (hidden.contains(p.projectId())) {
                    participants.add(p.pic());
                } else {
                    kept.add(p);
                }
            }
            List<PoolProject> rest = new ArrayList<>();
            float[] vectors = new float[(projects.size() - hidden.size()) * TextEmbedder.DIMENSIONS];
            for (int i = 0; i < projects.size(); i++) {
                if (!hidden.contains(projects.get(i).id())) {
                    System.arraycopy(whole.vectors, i * TextEmbedder.DIMENSIONS, vectors,
                            rest.size() * TextEmbedder.DIMENSIONS, TextEmbedder.DIMENSIONS);
                    rest.add(projects.get(i));
                }
            }
            PartnerPool pool = PartnerPool.of(rest, kept, organisations, vectors);
            CallDto call = calls.get(e.getKey());
            float[] text = embedder.embed(CallText.of(call));
            float[] title = call.title() == null || call.title().isBlank() ? null : embedder.embed(call.title().strip());
            double a = recall(pool, call, text, title, participants);
            double b = recall(pool, call, text, null, participants);
            withTitle += a;
            textOnly += b;
            squares += (a - b) * (a - b);
            better += a > b ? 1 : 0;
            worse += a < b ? 1 : 0;
        }
        int n = byTopic.size();
        double mean = (withTitle - textOnly) / n;
        double sd = Math.sqrt(Math.max(squares / n - mean * mean, 0));
        System.out.printf("%d hidden topics: participants in the first %d, with the title view %.4f, whole text only "
                        + "%.4f; difference %.4f (standard error %.4f), better for %d topics, worse for %d%n", n, FIRST,
                withTitle / n, textOnly / n, mean, sd / Math.sqrt(n), better, worse);
    }

    private static double recall(PartnerPool pool, CallDto call, float[] text, float[] title, Set<String> participants) {
        long found = PartnerMatchService.organisations(pool, call, text, title, null, null, null, FIRST).items().stream()
                .filter(s -> participants.contains(s.dto().pic())).count();
        return (double) found / participants.size();
    }
}
