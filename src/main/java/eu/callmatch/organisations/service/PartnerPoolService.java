package eu.callmatch.organisations.service;

import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.changes.Outcome;
import eu.callmatch.common.text.ContentHash;
import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The partner pool's writes: projects, organisations (by PIC) and their participations as CORDIS gives them. The
 * CORDIS import writes through here, a chunk of a few hundred records a transaction; each change goes to the change
 * log in the same transaction. JDBC batches: the pool has tens of thousands of rows and a nightly re-import of an
 * unchanged bundle must cost little, so only what changed is written (content hashes).
 */
@ApplicationScoped
public class PartnerPoolService {

    private final EntityManager em;
    private final ChangeLog changes;

    PartnerPoolService(EntityManager em, ChangeLog changes) {
        this.em = em;
        this.changes = changes;
    }

    /**
     * Creates or updates these projects; a project a lone CSV of the bundle describes in part keeps its other fields.
     *
     * @param counted receives each project's outcome
     * @return the ids of the projects updated (their organisations are found by what the projects say)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> writeProjects(List<CordisProject> projects, Consumer<Outcome> counted) {
        Set<String> changed = new HashSet<>();
        jdbc(c -> writeProjects(c, projects, counted, changed));
        return changed;
    }

    /**
     * Creates or updates these organisations with their participations (an organisation's hash covers them), and
     * logs the change of each organisation created or changed. Newer wins: an organisation stored as of after
     * {@code asOf} is left as it is (STALE), with its participations.
     *
     * @param asOf    when the bundle was true at CORDIS
     * @param counted receives each organisation's outcome with its number of participations in the bundle
     * @return the PICs of the organisations created or changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> writeOrganisations(List<CordisOrganisation> organisations,
                                           Map<String, List<CordisParticipation>> participations,
                                           OffsetDateTime asOf, BiConsumer<Outcome, Integer> counted) {
        List<String> changed = new ArrayList<>();
        jdbc(c -> changed.addAll(writeOrganisations(c, organisations, participations, asOf, counted)));
        changes.record(ChangeLog.Kind.ORGANISATION, changed);
        return changed;
    }

    /**
     * An organisation is found by what its projects say: logs as changed the organisations of these projects, but
     * for those in {@code logged} already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void projectsChanged(Collection<String> projectIds, Set<String> logged) {
        if (projectIds.isEmpty()) {
            return;
        }
        List<String> pics = new ArrayList<>();
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select distinct organisation_pic from participation where project_id = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", projectIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!logged.contains(rs.getString(1))) {
                            pics.add(rs.getString(1));
                        }
                    }
                }
            }
        });
        changes.record(ChangeLog.Kind.ORGANISATION, pics);
    }

    private static void writeProjects(Connection c, List<CordisProject> chunk, Consumer<Outcome> counted,
                                      Set<String> changedProjects) throws SQLException {
        Map<String, String> existing = hashes(c, "select id, content_hash from project where id = any(?)",
                chunk.stream().map(CordisProject::id).toList());
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement insert = c.prepareStatement("insert into project (acronym, title, objective, topic, "
                + "topic_title, framework, start_date, end_date, science_fields, content_hash, created_at, updated_at, id) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             // a lone CSV of the bundle knows only some of a project's fields: the others are kept, never blanked
             PreparedStatement update = c.prepareStatement("update project set acronym = coalesce(?, acronym), "
                     + "title = coalesce(?, title), objective = coalesce(?, objective), topic = coalesce(?, topic), "
                     + "topic_title = coalesce(?, topic_title), framework = coalesce(?, framework), "
                     + "start_date = coalesce(?, start_date), end_date = coalesce(?, end_date), "
                     + "science_fields = case when cardinality(?::text[]) > 0 then ?::text[] else science_fields end, "
                     + "content_hash = ?, created_at = coalesce(created_at, ?), updated_at = ? where id = ?")) {
            for (CordisProject p : chunk) {
                String hash = ContentHash.of(p.acronym(), p.title(), p.objective(), p.topic(), p.topicTitle(),
                        p.framework(), p.startDate(), p.endDate(), p.scienceFields());
                Outcome outcome = !existing.containsKey(p.id()) ? Outcome.CREATED
                        : hash.equals(existing.get(p.id())) ? Outcome.UNCHANGED : Outcome.UPDATED;
                counted.accept(outcome);
                if (outcome == Outcome.UNCHANGED) {
                    continue;
                }
                PreparedStatement ps = outcome == Outcome.CREATED ? insert : update;
                int i = 0;
                ps.setString(++i, p.acronym());
                ps.setString(++i, p.title());
                ps.setString(++i, p.objective());
                ps.setString(++i, p.topic());
                ps.setString(++i, p.topicTitle());
                ps.setString(++i, p.framework());
                ps.setDate(++i, p.startDate() == null ? null : Date.valueOf(p.startDate()));
                ps.setDate(++i, p.endDate() == null ? null : Date.valueOf(p.endDate()));
                var fields = c.createArrayOf("text", (p.scienceFields() == null ? List.of() : p.scienceFields()).toArray());
                ps.setArray(++i, fields);
                if (ps == update) {
                    ps.setArray(++i, fields);
                }
                ps.setString(++i, hash);
                ps.setTimestamp(++i, now);
                ps.setTimestamp(++i, now);
                ps.setString(++i, p.id());
                ps.addBatch();
                if (outcome == Outcome.UPDATED) {
                    changedProjects.add(p.id());
                }
            }
            insert.executeBatch();
            update.executeBatch();
        }
    }

    private static List<String> writeOrganisations(Connection c, List<CordisOrganisation> chunk,
                                                   Map<String, List<CordisParticipation>> participations,
                                                   OffsetDateTime givenAsOf, BiConsumer<Outcome, Integer> counted)
            throws SQLException {
        List<String> pics = chunk.stream().map(CordisOrganisation::pic).toList();
        Map<String, String> existing = hashes(c, "select pic, content_hash from organisation where pic = any(?)", pics);
        Map<String, Timestamp> storedAsOf = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select pic, as_of from organisation where pic = any(?) and as_of is not null")) {
            ps.setArray(1, c.createArrayOf("text", pics.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    storedAsOf.put(rs.getString(1), rs.getTimestamp(2));
                }
            }
        }
        Timestamp asOf = Timestamp.from(givenAsOf.toInstant());
        Timestamp now = Timestamp.from(Instant.now());
        List<String> changed = new ArrayList<>();
        List<CordisParticipation> rewrite = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement("insert into organisation (name, short_name, country, city, "
                + "activity_type, sme, url, content_hash, created_at, updated_at, as_of, pic) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("update organisation set name = ?, short_name = ?, "
                     + "country = ?, city = ?, activity_type = ?, sme = ?, url = ?, content_hash = ?, "
                     + "created_at = coalesce(created_at, ?), updated_at = ?, as_of = ? where pic = ?");
             // unchanged, as of later: an older file read after this one must still be stale
             PreparedStatement moveOn = c.prepareStatement("update organisation set as_of = ? where pic = ?")) {
            for (CordisOrganisation o : chunk) {
                List<CordisParticipation> own = new ArrayList<>(participations.getOrDefault(o.pic(), List.of()));
                own.sort(Comparator.comparing(CordisParticipation::projectId));
                String hash = ContentHash.of(o.name(), o.shortName(), o.country(), o.city(), o.activityType(), o.sme(),
                        o.url(), own.stream().map(p -> p.projectId() + "/" + p.role() + "/"
                                + (p.ecContribution() == null ? null : p.ecContribution().stripTrailingZeros().toPlainString()))
                                .toList());
                Timestamp stored = storedAsOf.get(o.pic());
                Outcome outcome = stored != null && asOf.before(stored) ? Outcome.STALE
                        : !existing.containsKey(o.pic()) ? Outcome.CREATED
                        : hash.equals(existing.get(o.pic())) ? Outcome.UNCHANGED : Outcome.UPDATED;
                counted.accept(outcome, own.size());
                if (outcome == Outcome.UNCHANGED && (stored == null || asOf.after(stored))) {
                    moveOn.setTimestamp(1, asOf);
                    moveOn.setString(2, o.pic());
                    moveOn.addBatch();
                }
                if (outcome == Outcome.UNCHANGED || outcome == Outcome.STALE) {
                    continue;
                }
                PreparedStatement ps = outcome == Outcome.CREATED ? insert : update;
                ps.setString(1, o.name());
                ps.setString(2, o.shortName());
                ps.setString(3, o.country());
                ps.setString(4, o.city());
                ps.setString(5, o.activityType());
                if (o.sme() == null) {
                    ps.setNull(6, Types.BOOLEAN);
                } else {
                    ps.setBoolean(6, o.sme());
                }
                ps.setString(7, o.url());
                ps.setString(8, hash);
                ps.setTimestamp(9, now);
                ps.setTimestamp(10, now);
                ps.setTimestamp(11, asOf);
                ps.setString(12, o.pic());
                ps.addBatch();
                changed.add(o.pic());
                rewrite.addAll(own);
            }
            insert.executeBatch();
            update.executeBatch();
            moveOn.executeBatch();
        }
        if (!changed.isEmpty()) {
            writeParticipations(c, rewrite, now);
        }
        return changed;
    }

    /**
     * Adds the bundle's participations of these organisations and updates those it has again; never deletes one. A
     * CORDIS file may be partial (a truncated download, one programme's file, a lone organization.csv): replacing an
     * organisation's participations by the file's cut an organisation from 9 projects to 1.
     */
    private static void writeParticipations(Connection c, List<CordisParticipation> rows, Timestamp now)
            throws SQLException {
        // a participation in a project the input did not describe (a lone organization.csv) gets a bare project row
        try (PreparedStatement projects = c.prepareStatement("insert into project (id, created_at, updated_at) "
                + "select unnest(?), ?, ? on conflict (id) do nothing")) {
            projects.setArray(1, c.createArrayOf("text", rows.stream().map(CordisParticipation::projectId).distinct().toArray()));
            projects.setTimestamp(2, now);
            projects.setTimestamp(3, now);
            projects.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into participation (organisation_pic, project_id, "
                + "role, ec_contribution) values (?, ?, ?, ?) on conflict (organisation_pic, project_id) do update "
                + "set role = excluded.role, ec_contribution = excluded.ec_contribution")) {
            for (CordisParticipation p : rows) {
                insert.setString(1, p.pic());
                insert.setString(2, p.projectId());
                insert.setString(3, p.role());
                insert.setBigDecimal(4, p.ecContribution());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Map<String, String> hashes(Connection c, String sql, List<String> keys) throws SQLException {
        Map<String, String> hashes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return hashes;
    }

    private interface Work {
        void execute(Connection connection) throws SQLException;
    }

    private void jdbc(Work work) {
        em.unwrap(Session.class).doWork(work::execute);
    }
}
