package eu.callmatch.workflow.service;

import eu.callmatch.calls.rest.CallDto;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.config.Today;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.members.rest.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.workflow.MemberAssignee;
import eu.callmatch.workflow.MemberAssigneeRepository;
import eu.callmatch.workflow.MemberCall;
import eu.callmatch.workflow.MemberCallRepository;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.mapping.WorkflowMapper;
import eu.callmatch.workflow.rest.AssigneeDto;
import eu.callmatch.workflow.rest.TriageItem;
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

    /** What the queue filters on. */
    public record Filter(List<PairStatus> statuses, LocalDate deadlineBefore, String assignee, Long member) {
    }

    private final EntityManager em;
    private final MemberCallRepository pairs;
    private final MemberAssigneeRepository assignees;
    private final MemberService members;
    private final CallService calls;
    private final Today today;

    TriageService(EntityManager em, MemberCallRepository pairs, MemberAssigneeRepository assignees,
                  MemberService members, CallService calls, Today today) {
        this.em = em;
        this.pairs = pairs;
        this.assignees = assignees;
        this.members = members;
        this.calls = calls;
        this.today = today;
    }

    /**
     * The pairs in one of the statuses, soonest next deadline first (calls with no deadline left come last), then
     * the most recently alerted. The order is the calls' dates, so the query reads the call table: only to sort
     * and filter, the calls themselves come from their service.
     */
    @Transactional
    public Page<TriageItem> queue(Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" " + """
                 from member_call mc
                 join call c on c.identifier = mc.call_identifier
                 left join member_assignee a on a.member_id = mc.member_id
                 cross join lateral (select min(d) as next_deadline from unnest(c.deadlines) d where d >= :today) nd
                 where mc.status in (:statuses)""");
        Map<String, Object> params = new HashMap<>();
        params.put("today", today.date());
        params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        if (filter.deadlineBefore() != null) {
            where.append(" and nd.next_deadline < :before");
            params.put("before", filter.deadlineBefore());
        }
        if (filter.assignee() != null) {
            where.append(" and a.assignee = :assignee");
            params.put("assignee", filter.assignee());
        }
        if (filter.member() != null) {
            where.append(" and mc.member_id = :member");
            params.put("member", filter.member());
        }
        var select = em.createNativeQuery("select mc.member_id, mc.call_identifier" + where
                + " order by nd.next_deadline asc nulls last, mc.last_alert_at desc nulls last, mc.member_id,"
                + " mc.call_identifier", Object[].class);
        var count = em.createNativeQuery("select count(*)" + where, Long.class);
        params.forEach((k, v) -> {
            select.setParameter(k, v);
            count.setParameter(k, v);
        });
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        List<MemberCall.Key> keys = rows.stream()
                .map(r -> new MemberCall.Key(((Number) r[0]).longValue(), (String) r[1])).toList();
        Map<MemberCall.Key, MemberCall> byKey = new HashMap<>();
        keys.forEach(k -> byKey.put(k, pairs.findById(k)));
        Map<String, CallDto> byCall = calls.findAll(keys.stream().map(k -> k.callIdentifier).collect(Collectors.toSet()));
        Map<String, MemberDto> byMember = members.findAll(keys.stream().map(k -> Long.toString(k.memberId))
                .collect(Collectors.toSet()));
        Map<Long, String> assigned = new HashMap<>();
        if (!keys.isEmpty()) {
            assignees.list("memberId in ?1", keys.stream().map(k -> k.memberId).distinct().toList())
                    .forEach(a -> assigned.put(a.memberId, a.assignee));
        }
        LocalDate now = today.date();
        List<TriageItem> items = new ArrayList<>();
        for (MemberCall.Key k : keys) {
            MemberCall p = byKey.get(k);
            items.add(new TriageItem(WorkflowMapper.member(k.memberId, byMember.get(Long.toString(k.memberId))),
                    assigned.get(k.memberId), WorkflowMapper.brief(k.callIdentifier, byCall.get(k.callIdentifier), now),
                    p.status, p.reasonCode, p.lastScore, p.lastAlertAt, p.decidedAt));
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
