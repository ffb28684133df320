package eu.callmatch.calls.service;

import eu.callmatch.calls.Call;
import eu.callmatch.calls.CallRepository;
import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.mapping.CallMapper;
import eu.callmatch.calls.rest.CallDto;
import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.changes.Outcome;
import eu.callmatch.common.config.Today;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Calls: the system of record's reads and writes. */
@ApplicationScoped
public class CallService {

    private static final Logger LOG = Logger.getLogger(CallService.class);

    public record Upsert(Outcome outcome, CallDto call) {
    }

    /** How a list of calls is ordered when there is no query to rank by. */
    public enum Sort { DEADLINE, OPENING_DATE, IDENTIFIER }

    private final CallRepository calls;
    private final EntityManager em;
    private final Today today;
    private final ChangeLog changes;

    CallService(CallRepository calls, EntityManager em, Today today, ChangeLog changes) {
        this.calls = calls;
        this.em = em;
        this.today = today;
        this.changes = changes;
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

    /** Creates or replaces a call by its identifier; a call whose content did not change is left alone. */
    @Transactional
    public Upsert upsert(CallDto dto) {
        Call call = calls.findById(dto.identifier());
        Call given = new Call();
        CallMapper.apply(dto, given);
        String hash = CallMapper.contentHash(given);
        if (call != null && hash.equals(call.contentHash) && call.leftSourceOn == null) {
            return new Upsert(Outcome.UNCHANGED, CallMapper.toDto(call));
        }
        boolean created = call == null;
        if (created) {
            call = new Call();
            call.identifier = dto.identifier();
        }
        CallMapper.apply(dto, call);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        call.contentHash = hash;
        call.leftSourceOn = null;
        call.refreshStatus(today.date());
        call.updatedAt = now;
        if (created) {
            call.createdAt = now;
            calls.persist(call);
        }
        calls.flush();
        changes.record(ChangeLog.Kind.CALL, call.identifier);
        return new Upsert(created ? Outcome.CREATED : Outcome.UPDATED, CallMapper.toDto(call));
    }

    @Transactional
    public void delete(String identifier) {
        calls.delete(find(identifier));
        changes.record(ChangeLog.Kind.CALL, identifier);
    }

    public Page<CallDto> list(CallFilter filter, Sort sort, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" where true");
        if (!filter.programmes().isEmpty()) {
            where.append(" and lower(c.programme) in (:programmes)");
            params.put("programmes", lower(filter.programmes()));
        }
        if (!filter.statuses().isEmpty()) {
            where.append(" and c.status in (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (!filter.actionTypes().isEmpty()) {
            where.append(" and lower(c.action_type) in (:actionTypes)");
            params.put("actionTypes", lower(filter.actionTypes()));
        }
        if (filter.deadlineFrom() != null || filter.deadlineTo() != null) {
            where.append(" and exists (select 1 from unnest(c.deadlines) d where true");
            if (filter.deadlineFrom() != null) {
                where.append(" and d >= :deadlineFrom");
                params.put("deadlineFrom", filter.deadlineFrom());
            }
            if (filter.deadlineTo() != null) {
                where.append(" and d <= :deadlineTo");
                params.put("deadlineTo", filter.deadlineTo());
            }
            where.append(")");
        }
        Query count = em.createNativeQuery("select count(*) from call c" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();

        String order = switch (sort) {
            // calls with a deadline ahead, nearest first; then the others, most recently closed first
            case DEADLINE -> "(select min(d) from unnest(c.deadlines) d where d >= :today) nulls last,"
                    + " c.deadlines[cardinality(c.deadlines)] desc nulls last, c.identifier";
            case OPENING_DATE -> "c.opening_date nulls last, c.identifier";
            case IDENTIFIER -> "c.identifier";
        };
        Query ids = em.createNativeQuery("select c.identifier from call c" + where + " order by " + order);
        params.forEach(ids::setParameter);
        if (sort == Sort.DEADLINE) {
            ids.setParameter("today", today.date());
        }
        @SuppressWarnings("unchecked")
        List<String> identifiers = ids.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        Map<String, Call> byId = identifiers.isEmpty() ? Map.of()
                : calls.list("identifier in ?1", identifiers).stream()
                .collect(Collectors.toMap(c -> c.identifier, Function.identity()));
        List<CallDto> items = identifiers.stream().map(byId::get).map(CallMapper::toDto).toList();
        return new Page<>(items, page.page, page.size, total);
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
     * A complete snapshot of {@code source} no longer lists these calls: they stay, closed, with the date they left.
     * Returns how many calls left.
     */
    @Transactional
    public int markLeftSource(String source, java.util.Set<String> listed) {
        var date = today.date();
        int left = 0;
        for (Call call : calls.list("source = ?1 and leftSourceOn is null", source)) {
            if (!listed.contains(call.identifier)) {
                call.leftSourceOn = date;
                call.refreshStatus(date);
                call.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                changes.record(ChangeLog.Kind.CALL, call.identifier);
                left++;
            }
        }
        return left;
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
