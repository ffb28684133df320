package eu.callmatch.workflow.service;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallChange;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.calls.service.CallsImported;
import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.common.config.Today;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.matching.CallMatchDto;
import eu.callmatch.matching.service.CallMatchService;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.search.matching.CallMatcher;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.service.SearchIndexes;
import eu.callmatch.workflow.AlertDto;
import eu.callmatch.workflow.AlertsRaised;
import eu.callmatch.workflow.MatchAlert;
import eu.callmatch.workflow.MatchAlertRepository;
import eu.callmatch.workflow.MemberCall;
import eu.callmatch.workflow.MemberCallRepository;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.mapping.WorkflowMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Alerts: after every calls import, the new and changed calls are matched against every member with the member's
 * own call-match ranking (decisions included); a new match is alerted when it is among the member's best
 * {@code rank-window} calls with at least {@code min-score}, at most {@code max-per-member} a run, best first. A
 * change to a call the member already follows (alerted before, or decided on) is always alerted, except that a
 * dismissal holds until the call changes in one of the {@code reopen-dismissed-on} ways, which puts the pair back in
 * the queue. The run's {@code details.alerts} tells how many were raised.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);
    /** How long alerts wait for the import's calls to get their vectors (they are embedded in the background). */
    static final Duration VECTOR_WAIT = Duration.ofMinutes(10);

    /** What one run's alerting did. */
    public record RunSummary(int raised, int members, int calls) {
    }

    /** An alert about to be raised. */
    private record Candidate(CallChange change, Double score, List<String> reasons, boolean reopens) {
    }

    private final AlertsConfig config;
    private final CallMatchService matches;
    private final MemberService members;
    private final CallService calls;
    private final Event<AlertsRaised> raisedEvents;
    private final SearchIndexes indexes;
    private final MatchAlertRepository alerts;
    private final MemberCallRepository pairs;
    private final EntityManager em;
    private final Today today;
    private final TextEmbedder embedder;
    private final CallMatcher matcher;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            DaemonThreads.named("callmatch-alerts"));

    AlertService(AlertsConfig config, CallMatchService matches, MemberService members, CallService calls,
                 Event<AlertsRaised> raisedEvents, SearchIndexes indexes, MatchAlertRepository alerts, MemberCallRepository pairs,
                 EntityManager em, Today today, TextEmbedder embedder, CallMatcher matcher) {
        this.embedder = embedder;
        this.matcher = matcher;
        this.config = config;
        this.matches = matches;
        this.members = members;
        this.calls = calls;
        this.raisedEvents = raisedEvents;
        this.indexes = indexes;
        this.alerts = alerts;
        this.pairs = pairs;
        this.em = em;
        this.today = today;
    }

    /**
     * On the import's thread: the alerts are raised on a thread of their own, so the import answers at once, when
     * the run's calls have their vectors (embedded in the background). A run still waiting for them does not hold up
     * a later run whose calls have theirs.
     */
    void onImport(@Observes CallsImported imported) {
        if (config.enabled() && !imported.changes().isEmpty()) {
            indexes.whenVectorsDone(identifiers(imported.changes()))
                    .orTimeout(VECTOR_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((done, timedOut) -> {
                        try {
                            raise(imported.runId(), imported.changes());
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "Alerts of import run %d failed", imported.runId());
                        }
                    }, runner);
        }
    }

    private static List<String> identifiers(List<CallChange> changes) {
        return changes.stream().map(CallChange::identifier).toList();
    }

    /** Whether the calls are ranked as call matches would rank them: with their vectors, when there are any. */
    private boolean vectorsReady(List<CallChange> changes) {
        if (!embedder.enabled() || indexes.whenVectorsDone(identifiers(changes)).isDone()) {
            return true;
        }
        return changes.stream().allMatch(c -> matcher.vector(c.identifier()) != null);
    }

    /**
     * A run's alerts cut short by a stop are not raised again (the run shows no details.alerts). Stopped before the
     * search indexes close (an earlier priority), so that a pending run does not read a closed index.
     */
    void onStop(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE)
                ShutdownEvent event) {
        runner.shutdownNow();
        DaemonThreads.awaitStop(runner, 10, LOG, "An alerts run did not stop within 10 s");
    }

    /**
     * Matches the changed calls against every member and records the alerts; the run's details tell the count.
     * Called when the calls have their vectors (or no longer worth waiting for).
     */
    public RunSummary raise(long runId, List<CallChange> changes) {
        long started = System.nanoTime();
        if (changes.isEmpty()) {
            return new RunSummary(0, 0, 0);
        }
        if (!vectorsReady(changes)) {
            LOG.warnf("Alerts of import run %d: some calls still have no vectors; matched by their words", runId);
        }
        Map<String, CallChange> changed = new LinkedHashMap<>();
        for (CallChange c : changes) {
            changed.merge(c.identifier(), c, AlertService::merge);
        }
        Map<Long, Map<String, MemberCall>> followers = followers(changed.keySet());
        List<Long> memberIds = memberIds();
        AtomicInteger raised = new AtomicInteger();
        AtomicInteger alerted = new AtomicInteger();
        // threads of its own (they inherit this thread's class loader, which the beans they create need)
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, config.threads()),
                DaemonThreads.numbered("callmatch-alerts"));
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (long id : memberIds) {
                done.add(pool.submit(() -> {
                    try {
                        int n = forMember(id, runId, changed, followers.getOrDefault(id, Map.of()));
                        raised.addAndGet(n);
                        if (n > 0) {
                            alerted.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Alerts of import run %d: member %d skipped", runId, id);
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warnf("Alerts of import run %d cut short: the service is stopping", runId);
            return new RunSummary(raised.get(), alerted.get(), changed.size());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        RunSummary summary = new RunSummary(raised.get(), alerted.get(), changed.size());
        raisedEvents.fire(new AlertsRaised(runId, summary.raised(), summary.members(), summary.calls()));
        LOG.infof("Import run %d: %d alerts for %d of %d members, from %d new or changed calls, in %d ms", runId,
                summary.raised(), summary.members(), memberIds.size(), summary.calls(),
                (System.nanoTime() - started) / 1_000_000);
        return summary;
    }

    private int forMember(long memberId, long runId, Map<String, CallChange> changed, Map<String, MemberCall> followed) {
        CallMatchDto.Page ranking;
        try {
            // the run's calls have their vectors (or are no longer waited for); a ranking waits for no other's
            ranking = QuarkusTransaction.requiringNew().call(() -> matches.forMember(memberId,
                    new CallMatchService.Filters(List.of(), List.of(), List.of(), null, config.rankWindow(), false),
                    true));
        } catch (ProblemException e) {
            ranking = new CallMatchDto.Page(List.of(), 0, 0, null, null); // no profile to match, or deleted meanwhile
        }
        List<Candidate> fresh = new ArrayList<>();
        List<Candidate> following = new ArrayList<>();
        Set<String> ranked = new java.util.HashSet<>();
        for (CallMatchDto item : ranking.items()) {
            String id = item.call().identifier();
            CallChange change = changed.get(id);
            if (change == null) {
                continue;
            }
            ranked.add(id);
            MemberCall pair = followed.get(id);
            if (pair == null) {
                if (item.score() >= config.minScore()) {
                    fresh.add(new Candidate(change, item.score(), item.reasons(), false));
                }
            } else {
                follow(pair, change, item.score(), item.reasons(), following);
            }
        }
        for (MemberCall pair : followed.values()) {
            if (!ranked.contains(pair.id.callIdentifier)) {
                follow(pair, changed.get(pair.id.callIdentifier), null, List.of(), following);
            }
        }
        fresh.sort(Comparator.comparingDouble((Candidate c) -> c.score()).reversed());
        List<Candidate> raise = new ArrayList<>(following);
        raise.addAll(fresh.subList(0, Math.min(fresh.size(), config.maxPerMember())));
        if (!raise.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> record(memberId, runId, raise));
        }
        return raise.size();
    }

    /** A change to a call the member follows: alerted, unless dismissed and the change does not reopen it. */
    private void follow(MemberCall pair, CallChange change, Double score, List<String> reasons, List<Candidate> out) {
        List<String> why = new ArrayList<>(reasons);
        if (pair.status == PairStatus.DISMISSED) {
            if (Collections.disjoint(change.kinds(), config.reopenDismissedOn())) {
                return;
            }
            why.add(0, "back in the queue: dismissed " + (pair.reasonCode == null ? "" : "(" + pair.reasonCode + ") ")
                    + "before this change");
            out.add(new Candidate(change, score, why, true));
        } else {
            why.add(0, pair.status == PairStatus.NEW ? "alerted before, not decided yet"
                    : "you follow this call: " + pair.status);
            out.add(new Candidate(change, score, why, false));
        }
    }

    private void record(long memberId, long runId, List<Candidate> raise) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Candidate c : raise) {
            MatchAlert alert = new MatchAlert();
            alert.memberId = memberId;
            alert.callIdentifier = c.change().identifier();
            alert.importRunId = runId;
            alert.score = c.score();
            alert.changes = c.change().kinds().stream().map(Enum::name).collect(Collectors.toCollection(ArrayList::new));
            alert.changeNotes = new ArrayList<>(c.change().notes());
            alert.reasons = new ArrayList<>(c.reasons());
            alert.createdAt = now;
            alerts.persist(alert);
            MemberCall pair = pairs.findById(new MemberCall.Key(memberId, c.change().identifier()));
            boolean created = pair == null;
            if (created) {
                pair = new MemberCall();
                pair.id = new MemberCall.Key(memberId, c.change().identifier());
                pair.status = PairStatus.NEW;
            } else if (c.reopens()) {
                pair.status = PairStatus.NEW;
                pair.reasonCode = null;
            }
            if (c.score() != null) {
                pair.lastScore = c.score();
            }
            pair.lastAlertAt = now;
            if (created) {
                pairs.persist(pair);
            }
        }
    }

    private static CallChange merge(CallChange a, CallChange b) {
        Set<CallChange.Kind> kinds = EnumSet.noneOf(CallChange.Kind.class);
        kinds.addAll(a.kinds());
        kinds.addAll(b.kinds());
        List<String> notes = new ArrayList<>(a.notes());
        notes.addAll(b.notes());
        return new CallChange(a.identifier(), kinds, notes);
    }

    /** The pairs already on these calls, by member. */
    private Map<Long, Map<String, MemberCall>> followers(Collection<String> identifiers) {
        Map<Long, Map<String, MemberCall>> byMember = new HashMap<>();
        List<String> all = List.copyOf(identifiers);
        for (int i = 0; i < all.size(); i += 1000) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            QuarkusTransaction.requiringNew().call(() -> pairs.list("id.callIdentifier in ?1", chunk))
                    .forEach(p -> byMember.computeIfAbsent(p.id.memberId, k -> new HashMap<>()).put(p.id.callIdentifier, p));
        }
        return byMember;
    }

    private List<Long> memberIds() {
        List<Long> ids = new ArrayList<>();
        String after = null;
        while (true) {
            String from = after;
            List<String> page = QuarkusTransaction.requiringNew().call(() -> members.idsAfter(from, 1000));
            page.forEach(id -> ids.add(Long.valueOf(id)));
            if (page.size() < 1000) {
                return ids;
            }
            after = page.get(page.size() - 1);
        }
    }

    // --- reading alerts ---

    /** A member's alerts, newest first: raised since {@code since}, for pairs in one of {@code statuses}. */
    public Page<AlertDto> forMember(long memberId, OffsetDateTime since, List<PairStatus> statuses, PageRequest page) {
        members.get(memberId);
        return query(memberId, null, since, statuses, page);
    }

    /** Alerts across members, newest first, of one import run and/or one member. */
    public Page<AlertDto> list(Long importRun, Long memberId, List<PairStatus> statuses, PageRequest page) {
        return query(memberId, importRun, null, statuses, page);
    }

    /** A member's alerts raised on {@code date} (where deadlines are read), best first. */
    public List<AlertDto> ofDay(long memberId, LocalDate date) {
        return between(memberId, date.atStartOfDay(today.zone()).toOffsetDateTime(),
                date.plusDays(1).atStartOfDay(today.zone()).toOffsetDateTime());
    }

    /** A member's alerts raised from {@code from} (inclusive) to {@code to} (exclusive), best first. */
    public List<AlertDto> between(long memberId, OffsetDateTime from, OffsetDateTime to) {
        List<Object[]> rows = em.createQuery("select a, mc.status from MatchAlert a, MemberCall mc "
                        + "where mc.id.memberId = a.memberId and mc.id.callIdentifier = a.callIdentifier "
                        + "and a.memberId = ?1 and a.createdAt >= ?2 and a.createdAt < ?3 "
                        + "order by a.score desc nulls last, a.id", Object[].class)
                .setParameter(1, memberId).setParameter(2, from).setParameter(3, to).setMaxResults(500).getResultList();
        return dtos(rows);
    }

    private Page<AlertDto> query(Long memberId, Long importRun, OffsetDateTime since, List<PairStatus> statuses,
                                 PageRequest page) {
        StringBuilder where = new StringBuilder(" from MatchAlert a, MemberCall mc where mc.id.memberId = a.memberId "
                + "and mc.id.callIdentifier = a.callIdentifier");
        Map<String, Object> params = new HashMap<>();
        if (memberId != null) {
            where.append(" and a.memberId = :member");
            params.put("member", memberId);
        }
        if (importRun != null) {
            where.append(" and a.importRunId = :run");
            params.put("run", importRun);
        }
        if (since != null) {
            where.append(" and a.createdAt >= :since");
            params.put("since", since);
        }
        if (!statuses.isEmpty()) {
            where.append(" and mc.status in :statuses");
            params.put("statuses", statuses);
        }
        var select = em.createQuery("select a, mc.status" + where + " order by a.createdAt desc, a.id desc", Object[].class);
        var count = em.createQuery("select count(a)" + where, Long.class);
        params.forEach((k, v) -> {
            select.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Object[]> rows = select.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return new Page<>(dtos(rows), page.page, page.size, count.getSingleResult());
    }

    private List<AlertDto> dtos(List<Object[]> rows) {
        List<MatchAlert> found = rows.stream().map(r -> (MatchAlert) r[0]).toList();
        Map<String, CallDto> byId = calls.findAll(found.stream().map(a -> a.callIdentifier).collect(Collectors.toSet()));
        Map<String, MemberDto> byMember = members.findAll(found.stream().map(a -> Long.toString(a.memberId))
                .collect(Collectors.toSet()));
        LocalDate now = today.date();
        List<AlertDto> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            MatchAlert a = (MatchAlert) row[0];
            out.add(WorkflowMapper.alert(a, (PairStatus) row[1],
                    WorkflowMapper.member(a.memberId, byMember.get(Long.toString(a.memberId))),
                    WorkflowMapper.brief(a.callIdentifier, byId.get(a.callIdentifier), now)));
        }
        return out;
    }
}
