package eu.callmatch.common.changes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/**
 * Records, in the writing transaction, that a call, member or organisation changed: the search indexes of every
 * replica follow this log, so a change is searchable everywhere once it commits, and a rolled-back one nowhere.
 */
@ApplicationScoped
public class ChangeLog {

    /** What changed. */
    public enum Kind { CALL, MEMBER, ORGANISATION }

    /** Fired in the writing transaction; observers during AFTER_SUCCESS see the change committed. */
    public record Recorded(Kind kind) {
    }

    private final EntityManager em;
    private final Event<Recorded> recorded;

    ChangeLog(EntityManager em, Event<Recorded> recorded) {
        this.em = em;
        this.recorded = recorded;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Kind kind, String key) {
        em.createNativeQuery("insert into change_log (kind, key) values (?1, ?2)")
                .setParameter(1, kind.name()).setParameter(2, key).executeUpdate();
        recorded.fire(new Recorded(kind));
    }

    /** One committed change: its id orders it. */
    public record Entry(long id, Kind kind, String key) {
    }

    /** Committed changes after {@code id}, in id order. Runs in a transaction of its own (also after a commit). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Entry> after(long id, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, kind, key from change_log where id > ?1 order by id")
                .setParameter(1, id).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), Kind.valueOf((String) r[1]), (String) r[2]))
                .toList();
    }

    /** The committed changes among these ids (ids of transactions still running or rolled back are absent). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Entry> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, kind, key from change_log where id = any(cast(?1 as bigint[])) order by id")
                .setParameter(1, ids.toArray(Long[]::new)).getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), Kind.valueOf((String) r[1]), (String) r[2]))
                .toList();
    }

    /** The newest change's id (0 when there is none). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long latestId() {
        return ((Number) em.createNativeQuery("select coalesce(max(id), 0) from change_log").getSingleResult()).longValue();
    }

    /** The oldest change still kept (0 when there is none). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long oldestId() {
        return ((Number) em.createNativeQuery("select coalesce(min(id), 0) from change_log").getSingleResult()).longValue();
    }

    /** Forgets changes older than {@code before}: a replica that was away for longer rebuilds its indexes. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int prune(OffsetDateTime before) {
        return em.createNativeQuery("delete from change_log where changed_at < ?1").setParameter(1, before).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Kind kind, Collection<String> keys) {
        if (!keys.isEmpty()) {
            em.createNativeQuery("insert into change_log (kind, key) select ?1, unnest(cast(?2 as text[]))")
                    .setParameter(1, kind.name()).setParameter(2, keys.toArray(String[]::new)).executeUpdate();
            recorded.fire(new Recorded(kind));
        }
    }
}
