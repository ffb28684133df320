package eu.callmatch.common.changes;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Records, in the writing transaction, that a call, member or organisation changed: the search indexes of every
 * replica follow this log, so a change is searchable everywhere once it commits, and a rolled-back one nowhere.
 * The keys a transaction records are written together just before it commits (one statement, however many
 * records an import batch touches), and {@link Committed} is fired once after it committed.
 */
@ApplicationScoped
public class ChangeLog {

    /** What changed. */
    public enum Kind { CALL, MEMBER, ORGANISATION }

    /** Fired, outside any transaction, after a transaction that recorded changes of these kinds committed. */
    public record Committed(Set<Kind> kinds) {
    }

    /** One committed change: its id orders it. */
    public record Entry(long id, Kind kind, String key) {
    }

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<Committed> committed;

    ChangeLog(EntityManager em, AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
              Event<Committed> committed) {
        this.em = em;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.committed = committed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Kind kind, String key) {
        pending().add(new Change(kind, key));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Kind kind, Collection<String> keys) {
        Set<Change> pending = pending();
        keys.forEach(key -> pending.add(new Change(kind, key)));
    }

    private record Change(Kind kind, String key) {
    }

    /** The changes recorded in the current transaction, written just before it commits. */
    private Set<Change> pending() {
        @SuppressWarnings("unchecked")
        Set<Change> pending = (Set<Change>) transactions.getResource(ChangeLog.class);
        if (pending == null) {
            Set<Change> changes = new LinkedHashSet<>();
            transactions.putResource(ChangeLog.class, changes);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    write(changes);
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        Set<Kind> kinds = java.util.EnumSet.noneOf(Kind.class);
                        changes.forEach(change -> kinds.add(change.kind()));
                        committed.fire(new Committed(kinds));
                    }
                }
            });
            pending = changes;
        }
        return pending;
    }

    /** In the transaction (the data source's connection is the transaction's), as one batch. */
    private void write(Set<Change> changes) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into change_log (kind, key) values (?, ?)")) {
            for (Change change : changes) {
                insert.setString(1, change.kind().name());
                insert.setString(2, change.key());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            // thrown before the commit: the transaction rolls back, nothing is half-recorded
            throw new IllegalStateException("The change log could not be written", e);
        }
    }

    /** Committed changes after {@code id}, in id order. Runs in a transaction of its own (also after a commit). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Entry> after(long id, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, kind, key from change_log where id > ?1 order by id")
                .setParameter(1, id).setMaxResults(limit).getResultList();
        return rows.stream().map(ChangeLog::entry).toList();
    }

    /** The committed changes among these ids (ids of transactions still running or rolled back are absent). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Entry> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, kind, key from change_log where id = any(cast(?1 as bigint[])) order by id")
                .setParameter(1, ids.toArray(Long[]::new)).getResultList();
        return rows.stream().map(ChangeLog::entry).toList();
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

    private static Entry entry(Object[] row) {
        return new Entry(((Number) row[0]).longValue(), Kind.valueOf((String) row[1]), (String) row[2]);
    }
}
