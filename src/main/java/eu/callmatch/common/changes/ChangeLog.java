package eu.callmatch.common.changes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;

/**
 * Records, in the writing transaction, that a call, member or organisation changed: the search indexes of every
 * replica follow this log, so a change is searchable everywhere once it commits, and a rolled-back one nowhere.
 */
@ApplicationScoped
public class ChangeLog {

    /** What changed. */
    public enum Kind { CALL, MEMBER, ORGANISATION }

    private final EntityManager em;

    ChangeLog(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Kind kind, String key) {
        em.createNativeQuery("insert into change_log (kind, key) values (?1, ?2)")
                .setParameter(1, kind.name()).setParameter(2, key).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Kind kind, Collection<String> keys) {
        if (!keys.isEmpty()) {
            em.createNativeQuery("insert into change_log (kind, key) select ?1, unnest(cast(?2 as text[]))")
                    .setParameter(1, kind.name()).setParameter(2, keys.toArray(String[]::new)).executeUpdate();
        }
    }
}
