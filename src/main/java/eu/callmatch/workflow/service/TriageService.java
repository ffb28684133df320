package eu.callmatch.workflow.service;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.config.Today;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.savedsearches.service.SavedSearches;
import eu.callmatch.workflow.MemberAssignee;
import eu.callmatch.workflow.MemberAssigneeRepository;
import eu.callmatch.workflow.MemberCall;
import eu.callmatch.workflow.MemberCallRepository;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.mapping.WorkflowMapper;
import eu.callmatch.workflow.AssigneeDto;
import eu.callmatch.workflow.TriageItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The triage queue across members, and who looks after which member. */
@ApplicationScoped
public class TriageService {

    /** What the queue filters on; kinds empty: both. */
    public record Filter(List<PairStatus> statuses, LocalDate deadlineBefore, String assignee, Long member,
                         List<TriageItem.Kind> kinds) {
    }

    private final EntityManager em;
    private final MemberCallRepository pairs;
    private final MemberAssigneeRepository assignees;
    private final MemberService members;
    private final CallService calls;
    private final SavedSearches searches;
    private final Today today;

    TriageService(EntityManager em, MemberCallRepository pairs, MemberAssigneeRepository assignees,
                  MemberService members, CallService calls, SavedSearches searches, Today today) {
        this.em = em;
        this.pairs = pairs;
        this.assignees = assignees;
        this.members = members;
        this.calls = calls;
        this.searches = searches;
        this.today = today;
    }

    /**
     * The member-call pairs and the saved searches' hits in one of the statuses, soonest next deadline first (calls
     * with no deadline left come last), then the most recently alerted or found. The order is the calls' dates, so
     * the query reads the call and hit tables: only to sort and filter, the items themselves come from their
     * services. A member filter leaves the hits out (they belong to no member); an assignee filter keeps the hits of
     * that user's searches.
     */
    @Transactional
    public Page<TriageItem> queue(Filter filter, PageRequest page) {
        boolean pairsToo = filter.kinds().isEmpty() || filter.kinds().contains(TriageItem.Kind.MEMBER_CALL);
        boolean hitsToo = (filter.kinds().isEmpty() || filter.kinds().contains(TriageItem.Kind.SAVED_SEARCH_HIT))
                && filter.member() == null;
        List<String> parts = new ArrayList<>();
        if (pairsToo) {
            parts.add("""
                    select mc.member_id as member_id, cast(null as bigint) as search_id, mc.call_identifier,
                           mc.last_alert_at as at, a.assignee as who
                    from member_call mc left join member_assignee a on a.member_id = mc.member_id
                    where mc.status in (:statuses)""" + (filter.member() == null ? "" : " and mc.member_id = :member"));
        }
        if (hitsToo) {
            parts.add("""
                    select cast(null as bigint), h.saved_search_id, h.call_identifier, h.created_at, s.owner
                    from saved_search_hit h join saved_search s on s.id = h.saved_search_id
                    where h.status in (:statuses)""");
        }
        if (parts.isEmpty()) {
            return new Page<>(List.of(), page.page, page.size, 0);
        }
        StringBuilder where = new StringBuilder(" from (" + String.join(" union all ", parts) + ") i " + """
                 join call c on c.identifier = i.call_identifier
                 cross join lateral (select min(d) as next_deadline from unnest(c.deadlines) d where d >= :today) nd
                 where true""");
        Map<String, Object> params = new HashMap<>();
        params.put("today", today.date());
        params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        if (filter.deadlineBefore() != null) {
            where.append(" and nd.next_deadline < :before");
            params.put("before", filter.deadlineBefore());
        }
        if (filter.assignee() != null) {
            where.append(" and i.who = :assignee");
            params.put("assignee", filter.assignee());
        }
        if (filter.member() != null) {
            params.put("member", filter.member());
        }
        var select = em.createNativeQuery("select i.member_id, i.search_id, i.call_identifier" + where
                + " order by nd.next_deadline asc nulls last, i.at desc nulls last, i.member_id nulls last,"
                + " i.search_id, i.call_identifier", Object[].class);
        var count = em.createNativeQuery("select count(*)" + where, Long.class);
        params.forEach((k, v) -> {
            select.setParameter(k, v);
            count.setParameter(k, v);
        });
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        List<MemberCall.Key> keys = new ArrayList<>();
        List<SavedSearches.Key> hitKeys = new ArrayList<>();
        for (Object[] r : rows) {
            if (r[0] != null) {
                keys.add(new MemberCall.Key(((Number) r[0]).longValue(), (String) r[2]));
            } else {
                hitKeys.add(new SavedSearches.Key(((Number) r[1]).longValue(), (String) r[2]));
            }
        }
        Map<MemberCall.Key, MemberCall> byKey = new HashMap<>();
        keys.forEach(k -> byKey.put(k, pairs.findById(k)));
        Map<SavedSearches.Key, SavedSearches.Hit> hits = searches.hits(hitKeys);
        Map<String, CallDto> byCall = calls.findAll(rows.stream().map(r -> (String) r[2]).collect(Collectors.toSet()));
        Map<String, MemberDto> byMember = members.findAll(keys.stream().map(k -> Long.toString(k.memberId))
                .collect(Collectors.toSet()));
        Map<Long, String> assigned = new HashMap<>();
        if (!keys.isEmpty()) {
            assignees.list("memberId in ?1", keys.stream().map(k -> k.memberId).distinct().toList())
                    .forEach(a -> assigned.put(a.memberId, a.assignee));
        }
        LocalDate now = today.date();
        List<TriageItem> items = new ArrayList<>();
        for (Object[] r : rows) {
            String call = (String) r[2];
            if (r[0] != null) {
                long memberId = ((Number) r[0]).longValue();
                MemberCall p = byKey.get(new MemberCall.Key(memberId, call));
                items.add(new TriageItem(TriageItem.Kind.MEMBER_CALL,
                        WorkflowMapper.member(memberId, byMember.get(Long.toString(memberId))), null,
                        assigned.get(memberId), WorkflowMapper.brief(call, byCall.get(call), now),
                        p.status, p.reasonCode, p.lastScore, p.lastAlertAt, p.decidedAt));
            } else {
                SavedSearches.Hit h = hits.get(new SavedSearches.Key(((Number) r[1]).longValue(), call));
                items.add(new TriageItem(TriageItem.Kind.SAVED_SEARCH_HIT, null,
                        new TriageItem.SavedSearchRef(h.searchId(), h.searchName()), h.owner(),
                        WorkflowMapper.brief(call, byCall.get(call), now), PairStatus.valueOf(h.status().name()),
                        null, null, h.createdAt(), h.decidedAt()));
            }
        }
        return new Page<>(items, page.page, page.size, ((Number) count.getSingleResult()).longValue());
    }

    @Transactional
    public AssigneeDto assign(long memberId, String assignee, String by) {
        members.get(memberId);
        MemberAssignee a = assignees.findById(memberId);
        boolean created = a == null;
        if (created) {
            a = new MemberAssignee();
            a.memberId = memberId;
        }
        a.assignee = assignee.strip();
        a.assignedBy = by;
        a.assignedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (created) {
            assignees.persist(a);
        }
        return new AssigneeDto(a.memberId, a.assignee, a.assignedBy, a.assignedAt);
    }

    @Transactional
    public AssigneeDto assignee(long memberId) {
        members.get(memberId);
        MemberAssignee a = assignees.findById(memberId);
        if (a == null) {
            throw new eu.callmatch.common.error.ProblemException(404, "Member " + memberId + " has no assignee");
        }
        return new AssigneeDto(a.memberId, a.assignee, a.assignedBy, a.assignedAt);
    }

    @Transactional
    public void unassign(long memberId) {
        members.get(memberId);
        assignees.deleteById(memberId);
    }
}
