package eu.callmatch.savedsearches.service;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.service.CallChange;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.rest.QueryLists;
import eu.callmatch.calls.service.CallsImported;
import eu.callmatch.savedsearches.HitStatus;
import eu.callmatch.savedsearches.SavedSearch;
import eu.callmatch.savedsearches.SavedSearchRepository;
import eu.callmatch.search.service.CallQuery;
import eu.callmatch.search.service.SearchService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Staff users' saved searches and their hits: after every calls import, like the members' alerts, each search is
 * run over the calls the import created or changed, and the ones it finds are recorded as its hits (once per call).
 */
@ApplicationScoped
public class SavedSearches {

    /** A hit: which search found which call in which import, and what its owner made of it. */
    public record Hit(long searchId, String searchName, String owner, String callIdentifier, Long importRun,
                      OffsetDateTime createdAt, HitStatus status, String decidedBy, OffsetDateTime decidedAt) {
    }

    private static final Logger LOG = Logger.getLogger(SavedSearches.class);
    /** The hits with their searches, for {@link #hitRows}. */
    private static final String HITS = " from saved_search_hit h join saved_search s on s.id = h.saved_search_id ";

    private final SavedSearchRepository searches;
    private final SearchService search;
    private final EntityManager em;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "callmatch-saved-searches");
        t.setDaemon(true);
        return t;
    });

    SavedSearches(SavedSearchRepository searches, SearchService search, EntityManager em) {
        this.searches = searches;
        this.search = search;
        this.em = em;
    }

    @Transactional
    public SavedSearch create(SavedSearch s) {
        normalise(s);
        if (searches.count("owner = ?1 and name = ?2", s.owner, s.name) > 0) {
            throw ProblemException.conflict("You already have a saved search named '" + s.name + "'");
        }
        s.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        searches.persist(s);
        return s;
    }

    @Transactional
    public List<SavedSearch> ofOwner(String owner) {
        return searches.list("owner", Sort.by("name"), owner);
    }

    /** The owner's search; 404 for another user's, which they need not know exists. */
    @Transactional
    public SavedSearch get(long id, String owner) {
        SavedSearch s = searches.findById(id);
        if (s == null || !s.owner.equals(owner)) {
            throw ProblemException.notFound("Saved search", id);
        }
        return s;
    }

    /** Replaces the owner's search's name and filters; its hits stay. */
    @Transactional
    public SavedSearch update(long id, String owner, SavedSearch replacement) {
        SavedSearch s = get(id, owner);
        normalise(replacement);
        if (searches.count("owner = ?1 and name = ?2 and id <> ?3", owner, replacement.name, id) > 0) {
            throw ProblemException.conflict("You already have a saved search named '" + replacement.name + "'");
        }
        s.name = replacement.name;
        s.q = replacement.q;
        s.programme = replacement.programme;
        s.status = replacement.status;
        s.actionType = replacement.actionType;
        s.cluster = replacement.cluster;
        s.deadlineFrom = replacement.deadlineFrom;
        s.deadlineTo = replacement.deadlineTo;
        s.budgetMin = replacement.budgetMin;
        s.digest = replacement.digest;
        return s;
    }

    @Transactional
    public void delete(long id, String owner) {
        searches.delete(get(id, owner));
    }

    /** The owner's hits, newest first: of one search or of all of theirs, in the given statuses (empty: all). */
    @Transactional
    public Page<Hit> hits(String owner, Long searchId, List<HitStatus> statuses, PageRequest page) {
        if (searchId != null) {
            get(searchId, owner);
        }
        String where = HITS + "where s.owner = :owner and (cast(:search as bigint) is null or s.id = :search)"
                + (statuses.isEmpty() ? "" : " and h.status in (:statuses)");
        Map<String, Object> params = new HashMap<>();
        params.put("owner", owner);
        params.put("search", searchId);
        if (!statuses.isEmpty()) {
            params.put("statuses", statuses.stream().map(Enum::name).toList());
        }
        List<Hit> items = hitRows(where + " order by h.created_at desc, s.id, h.call_identifier", params,
                page.offset(), page.size);
        var count = em.createNativeQuery("select count(*)" + where);
        params.forEach(count::setParameter);
        return new Page<>(items, page.page, page.size, ((Number) count.getSingleResult()).longValue());
    }

    /** The hits of these searches and calls, as the triage queue shows them. */
    @Transactional
    public Map<Key, Hit> hits(Collection<Key> keys) {
        Map<Key, Hit> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<Long> ids = keys.stream().map(Key::searchId).distinct().toList();
        List<String> calls = keys.stream().map(Key::callIdentifier).distinct().toList();
        for (Hit h : hitRows(HITS + "where s.id in (:ids) and h.call_identifier in (:calls)", Map.of("ids", ids, "calls", calls),
                0, Integer.MAX_VALUE)) {
            Key key = new Key(h.searchId(), h.callIdentifier());
            if (keys.contains(key)) {
                found.put(key, h);
            }
        }
        return found;
    }

    /** A hit's key: the search and the call. */
    public record Key(long searchId, String callIdentifier) {
    }

    /**
     * The owner's verdict on a hit: SHORTLISTED or DISMISSED, or NEW to put it back in the queue. 404 for a hit that
     * is not theirs.
     */
    @Transactional
    public Hit decide(String owner, long searchId, String callIdentifier, HitStatus status, String by) {
        get(searchId, owner);
        int updated = em.createNativeQuery("update saved_search_hit set status = ?1, decided_by = ?2, decided_at = ?3 "
                        + "where saved_search_id = ?4 and call_identifier = ?5")
                .setParameter(1, status.name()).setParameter(2, status == HitStatus.NEW ? null : by)
                .setParameter(3, status == HitStatus.NEW ? null : OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(4, searchId).setParameter(5, callIdentifier).executeUpdate();
        if (updated == 0) {
            throw new ProblemException(404, "Saved search " + searchId + " has no hit " + callIdentifier);
        }
        return hits(List.of(new Key(searchId, callIdentifier))).get(new Key(searchId, callIdentifier));
    }

    /** The staff users who have a search whose hits go by e-mail. */
    @Transactional
    public List<String> digestOwners() {
        return em.createQuery("select distinct s.owner from SavedSearch s where s.digest = true order by s.owner",
                String.class).getResultList();
    }

    /** The owner's hits still NEW that came after {@code since}, of the searches whose hits go by e-mail. */
    @Transactional
    public List<Hit> newHitsForDigest(String owner, OffsetDateTime since) {
        return hitRows(HITS + "where s.owner = :owner and s.digest and h.status = 'NEW' and h.created_at > :since order by s.name, h.created_at, "
                + "h.call_identifier", Map.of("owner", owner, "since", since), 0, Integer.MAX_VALUE);
    }

    private List<Hit> hitRows(String fromWhereOrder, Map<String, ?> params, int offset, int limit) {
        var query = em.createNativeQuery("select s.id, s.name, s.owner, h.call_identifier, h.import_run_id, "
                + "h.created_at, h.status, h.decided_by, h.decided_at" + fromWhereOrder, Object[].class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setFirstResult(offset).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new Hit(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], r[4] == null ? null : ((Number) r[4]).longValue(), toOffset(r[5]),
                HitStatus.valueOf((String) r[6]), (String) r[7], toOffset(r[8]))).toList();
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        return ((java.time.Instant) value).atOffset(ZoneOffset.UTC);
    }

    void onImport(@Observes CallsImported imported) {
        if (!imported.changes().isEmpty()) {
            runner.execute(() -> {
                try {
                    check(imported.runId(), imported.changes());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Saved searches of import run %d failed", imported.runId());
                }
            });
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }

    /**
     * Runs every saved search over the changed calls; answers how many hits were new. An import announces its calls
     * once they are searchable, and a saved search is a search by words and filters: it does not wait for the calls'
     * vectors, which come later.
     */
    public int check(long runId, List<CallChange> changes) {
        List<String> ids = changes.stream().map(CallChange::identifier).distinct().toList();
        List<SavedSearch> all = QuarkusTransaction.requiringNew().call(() -> searches.listAll());
        int added = 0;
        for (SavedSearch s : all) {
            List<String> found = search.calls(query(s).among(ids).page(0, ids.size())).ids();
            for (String call : found) {
                added += QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                                "insert into saved_search_hit (saved_search_id, call_identifier, import_run_id, created_at) "
                                        + "select ?1, ?2, ?3, ?4 where exists (select 1 from saved_search where id = ?1) "
                                        + "on conflict do nothing")
                        .setParameter(1, s.id).setParameter(2, call).setParameter(3, runId)
                        .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate());
            }
        }
        if (added > 0) {
            LOG.infof("Import run %d: %d new hits of saved searches", runId, added);
        }
        return added;
    }

    /** The search GET /calls would run for these filters. */
    static CallQuery query(SavedSearch s) {
        return CallQuery.of(s.q).programmes(QueryLists.split(s.programme)).statuses(QueryLists.split(s.status))
                .actionTypes(QueryLists.split(s.actionType)).clusters(QueryLists.split(s.cluster))
                .deadlineBetween(s.deadlineFrom, s.deadlineTo).budgetMinAtLeast(s.budgetMin)
                .sortedBy(CallQuery.Sort.RELEVANCE);
    }

    /** The lists as GET /calls reads them: trimmed, comma-separated, statuses checked. */
    private static void normalise(SavedSearch s) {
        s.programme = list(s.programme);
        s.status = QueryLists.enums("status", s.status, CallStatus.class).stream().map(Enum::name)
                .reduce((a, b) -> a + "," + b).orElse(null);
        s.actionType = list(s.actionType);
        s.cluster = list(s.cluster);
    }

    private static String list(String values) {
        List<String> list = QueryLists.split(values);
        return list.isEmpty() ? null : String.join(",", list);
    }
}
