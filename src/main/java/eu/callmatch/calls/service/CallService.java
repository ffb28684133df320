package eu.callmatch.calls.service;

import eu.callmatch.calls.Call;
import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.CallOutline;
import eu.callmatch.calls.CallRepository;
import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.mapping.CallMapper;
import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.changes.Outcome;
import eu.callmatch.common.config.Today;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.search.IndexSource;
import eu.callmatch.search.IndexedCall;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Calls: the system of record's reads and writes. */
@ApplicationScoped
public class CallService implements IndexSource<IndexedCall> {

    private static final Logger LOG = Logger.getLogger(CallService.class);

    /** What an upsert did; {@code before} is the call as it was when it was replaced (null otherwise). */
    public record Upsert(Outcome outcome, CallDto call, CallDto before) {
        public Upsert(Outcome outcome, CallDto call) {
            this(outcome, call, null);
        }
    }

    private final CallRepository calls;
    private final EntityManager em;
    private final Today today;
    private final ChangeLog changes;

    /** Reads the translations' JSON column, as Hibernate writes it. */
    private final com.fasterxml.jackson.databind.ObjectReader translations;
    /** How long the reads of {@link #findAll} and {@link #outlines} take: a search page's or a ranked list's. */
    private final Timer readCalls;
    private final Timer readOutlines;

    CallService(CallRepository calls, EntityManager em, Today today, ChangeLog changes,
                com.fasterxml.jackson.databind.ObjectMapper json, MeterRegistry meters) {
        this.calls = calls;
        this.em = em;
        this.today = today;
        this.changes = changes;
        this.translations = json.readerFor(new com.fasterxml.jackson.core.type.TypeReference<
                List<eu.callmatch.calls.CallTranslation>>() { });
        this.readCalls = readTimer(meters, "calls");
        this.readOutlines = readTimer(meters, "outlines");
    }

    private static Timer readTimer(MeterRegistry meters, String rows) {
        return Timer.builder("callmatch.calls.read")
                .description("How long reading calls by identifier from PostgreSQL takes: whole calls (a search page, "
                        + "a digest) or outlines (a ranked list of call matches)")
                .tag("rows", rows).publishPercentileHistogram().register(meters);
    }

    public CallDto get(String identifier) {
        return CallMapper.toDto(find(identifier));
    }

    public Call find(String identifier) {
        Call call = calls.findById(identifier);
        if (call == null) {
            throw ProblemException.notFound("Call", identifier);
        }
        return call;
    }

    /**
     * The calls with these identifiers that exist, by identifier: read with plain JDBC ({@link CallRows}), changes
     * of the current transaction included.
     */
    public Map<String, CallDto> findAll(java.util.Collection<String> identifiers) {
        return findAll(identifiers, true);
    }

    /**
     * As {@link #findAll(java.util.Collection)}, or, without {@code longTexts}, the calls without their description,
     * conditions and translations, for a list that does not show them: PostgreSQL then leaves those unread (they are
     * most of the read of a search page; the README's Benchmarks section has the figures).
     */
    public Map<String, CallDto> findAll(java.util.Collection<String> identifiers, boolean longTexts) {
        return identifiers.isEmpty() ? Map.of()
                : read(readCalls, connection -> CallRows.calls(connection, identifiers, longTexts, translations));
    }

    /**
     * The outlines of the calls with these identifiers that exist, by identifier: read without their long texts, which
     * a ranked list does not show (a call's description is some 7 KB; reading 20 whole calls through Hibernate was
     * 18% of the request threads' CPU in call matches at 8 clients). Whether each mentions SMEs is read only when
     * {@code smeMentions}: PostgreSQL then looks in the description, which it otherwise leaves unread.
     */
    public Map<String, CallOutline> outlines(java.util.Collection<String> identifiers, boolean smeMentions) {
        return identifiers.isEmpty() ? Map.of()
                : read(readOutlines, connection -> CallRows.outlines(connection, identifiers, smeMentions));
    }

    /**
     * {@link #withConnection}, with the read itself timed by {@code timer}: not the flush of the transaction's changes
     * before it.
     */
    private <T> T read(Timer timer, org.hibernate.jdbc.ReturningWork<T> work) {
        return withConnection(connection -> {
            Timer.Sample sample = Timer.start();
            try {
                return work.execute(connection);
            } finally {
                sample.stop(timer);
            }
        });
    }

    /** Plain JDBC on the session's connection, after the current transaction's changes (as a Hibernate query). */
    private <T> T withConnection(org.hibernate.jdbc.ReturningWork<T> work) {
        if (em.isJoinedToTransaction()) {
            em.flush();
        }
        return em.unwrap(org.hibernate.Session.class).doReturningWork(work);
    }

    /**
     * Reads these calls, where they exist, into the current transaction in one query, so that upserting them one by
     * one does not query each.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void preload(java.util.Collection<String> identifiers) {
        if (!identifiers.isEmpty()) {
            calls.list("identifier in ?1", List.copyOf(identifiers));
        }
    }

    /** Identifiers in order, after {@code after} (null: from the start): to walk every call a page at a time. */
    public List<String> identifiersAfter(String after, int limit) {
        return em.createQuery("select c.identifier from Call c where c.identifier > ?1 order by c.identifier",
                String.class).setParameter(1, after == null ? "" : after).setMaxResults(limit).getResultList();
    }

    /** The calls' indexable records: see {@link IndexSource}. */
    @Override
    public Map<String, IndexedCall> records(java.util.Collection<String> keys) {
        return java.util.Collections.unmodifiableMap(findAll(keys));
    }

    @Override
    public List<String> keysAfter(String after, int limit) {
        return identifiersAfter(after, limit);
    }

    @Override
    public long count() {
        return calls.count();
    }

    /**
     * Creates or replaces a call by its identifier; a call whose content did not change is left alone. Newer wins:
     * a call as of ({@link CallDto#asOf()}, else now) before the stored one's as-of time is not applied (STALE); an
     * unchanged call as of later moves the stored as-of time on, so that an older file read after it is still stale.
     */
    @Transactional
    public Upsert upsert(CallDto dto) {
        Call call = calls.findById(dto.identifier());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime asOf = dto.asOf() == null ? now : dto.asOf();
        if (call != null && call.asOf != null && asOf.isBefore(call.asOf)) {
            return new Upsert(Outcome.STALE, CallMapper.toDto(call));
        }
        Call given = new Call();
        CallMapper.apply(dto, given);
        String hash = CallMapper.contentHash(given);
        if (call != null && hash.equals(call.contentHash) && call.leftSourceOn == null) {
            if (!asOf.equals(call.asOf)) {
                call.asOf = asOf; // not a change anyone sees: no change log entry, no updatedAt
            }
            return new Upsert(Outcome.UNCHANGED, CallMapper.toDto(call));
        }
        boolean created = call == null;
        CallDto before = created ? null : CallMapper.toDto(call);
        if (created) {
            call = new Call();
            call.identifier = dto.identifier();
        }
        CallMapper.apply(dto, call);
        call.contentHash = hash;
        call.asOf = asOf;
        call.leftSourceOn = null;
        call.refreshStatus(today.date());
        call.updatedAt = now;
        if (created) {
            call.createdAt = now;
            // written at commit, in JDBC batches with the rest of an import batch
            calls.persist(call);
        }
        changes.record(ChangeLog.Kind.CALL, call.identifier);
        return new Upsert(created ? Outcome.CREATED : Outcome.UPDATED, CallMapper.toDto(call), before);
    }

    @Transactional
    public void delete(String identifier) {
        calls.delete(find(identifier));
        changes.record(ChangeLog.Kind.CALL, identifier);
    }

    /** Recomputes every call's status from its dates; run every day and at start. Returns how many changed. */
    @Transactional
    public int refreshStatuses() {
        var date = today.date();
        int changed = 0;
        for (Call call : calls.list("status <> ?1", CallStatus.CLOSED)) {
            if (call.refreshStatus(date)) {
                call.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                changes.record(ChangeLog.Kind.CALL, call.identifier);
                changed++;
            }
        }
        if (changed > 0) {
            LOG.infof("Call statuses refreshed for %s: %d changed", date, changed);
        }
        return changed;
    }

    /**
     * A complete snapshot of {@code source} as of {@code asOf} no longer lists these calls: they stay, closed, with
     * the date they left. Returns how many calls left.
     */
    @Transactional
    public int markLeftSource(String source, java.util.Set<String> listed, OffsetDateTime asOf) {
        var date = today.date();
        int left = 0;
        for (Call call : calls.list("source = ?1 and leftSourceOn is null", source)) {
            // a call stored as of after the snapshot was added since: the snapshot cannot know it
            if (!listed.contains(call.identifier) && (call.asOf == null || !call.asOf.isAfter(asOf))) {
                call.leftSourceOn = date;
                call.refreshStatus(date);
                call.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                changes.record(ChangeLog.Kind.CALL, call.identifier);
                left++;
            }
        }
        return left;
    }

}
