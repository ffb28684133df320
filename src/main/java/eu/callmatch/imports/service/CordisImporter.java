package eu.callmatch.imports.service;

import eu.callmatch.imports.formats.Cordis;
import eu.callmatch.imports.formats.CordisSink;
import eu.callmatch.imports.formats.InputLimits;
import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;
import eu.callmatch.organisations.service.PartnerPoolService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a CORDIS bundle into the partner pool (through the organisations feature's {@link PartnerPoolService}):
 * projects, organisations (by PIC) and their participations, in transactions of a few hundred records that commit
 * on their own.
 */
@ApplicationScoped
class CordisImporter {

    static final int PROJECTS_PER_BATCH = 1000;
    static final int ORGANISATIONS_PER_BATCH = 500;

    private final PartnerPoolService pool;

    CordisImporter(PartnerPoolService pool) {
        this.pool = pool;
    }

    /** What the bundle holds, gathered before writing: an organisation's hash covers its participations. */
    private static final class Bundle implements CordisSink {
        final List<CordisProject> projects = new ArrayList<>();
        final Map<String, CordisOrganisation> organisations = new LinkedHashMap<>();
        final Map<String, List<CordisParticipation>> participations = new HashMap<>();
        final ImportProgress progress;

        Bundle(ImportProgress progress) {
            this.progress = progress;
        }

        @Override
        public void project(CordisProject project) {
            projects.add(project);
        }

        @Override
        public void organisation(CordisOrganisation organisation) {
            organisations.put(organisation.pic(), organisation);
        }

        @Override
        public void participation(CordisParticipation participation) {
            participations.computeIfAbsent(participation.pic(), k -> new ArrayList<>()).add(participation);
        }

        @Override
        public void reject(String file, long line, String record, String reason) {
            progress.reject(line, record, file + ": " + reason);
        }
    }

    /**
     * @param file a zip bundle, or one CORDIS CSV (organization.csv, project.csv, ...) told apart by its header
     * @param asOf when the bundle was true at CORDIS: an organisation stored as of later is not applied
     */
    void importBundle(Path file, boolean zip, InputLimits limits, OffsetDateTime asOf, ImportProgress progress,
                      Runnable afterBatch) {
        Bundle bundle = new Bundle(progress);
        if (zip) {
            Cordis.readBundle(file, limits, bundle);
        } else {
            Cordis.readLoneFile(file, limits, bundle);
        }
        Set<String> changedProjects = new HashSet<>();
        for (List<CordisProject> chunk : chunks(bundle.projects, PROJECTS_PER_BATCH)) {
            changedProjects.addAll(QuarkusTransaction.requiringNew().call(() -> pool.writeProjects(chunk,
                    outcome -> progress.countDetail("projects", outcome))));
            afterBatch.run();
        }
        Set<String> logged = new HashSet<>();
        for (List<CordisOrganisation> chunk : chunks(new ArrayList<>(bundle.organisations.values()), ORGANISATIONS_PER_BATCH)) {
            logged.addAll(QuarkusTransaction.requiringNew().call(() -> pool.writeOrganisations(chunk,
                    bundle.participations, asOf, (outcome, participations) -> {
                        progress.count(outcome);
                        for (int i = 0; i < participations; i++) {
                            progress.countDetail("participations", outcome);
                        }
                    })));
            afterBatch.run();
        }
        QuarkusTransaction.requiringNew().run(() -> pool.projectsChanged(changedProjects, logged));
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }
}
