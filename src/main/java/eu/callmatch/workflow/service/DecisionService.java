package eu.callmatch.workflow.service;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.config.Today;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.workflow.Decision;
import eu.callmatch.workflow.DecisionRepository;
import eu.callmatch.workflow.DecisionStatus;
import eu.callmatch.workflow.MemberCall;
import eu.callmatch.workflow.MemberCallRepository;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.mapping.WorkflowMapper;
import eu.callmatch.workflow.DecisionDto;
import eu.callmatch.workflow.DecisionRequest;
import eu.callmatch.workflow.JudgementDto;
import eu.callmatch.workflow.PipelineItem;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Staff decisions on member-call pairs: the history, the pair's state, the member's pipeline, the export. */
@ApplicationScoped
public class DecisionService {

    /** The statuses of calls a member goes on with. */
    public static final List<PairStatus> PIPELINE = List.of(PairStatus.SHORTLISTED, PairStatus.CONTACTED,
            PairStatus.APPLYING, PairStatus.SUBMITTED);

    private final DecisionRepository decisions;
    private final MemberCallRepository pairs;
    private final MemberService members;
    private final CallService calls;
    private final Today today;

    DecisionService(DecisionRepository decisions, MemberCallRepository pairs, MemberService members, CallService calls,
                    Today today) {
        this.decisions = decisions;
        this.pairs = pairs;
        this.members = members;
        this.calls = calls;
        this.today = today;
    }

    @Transactional
    public DecisionDto decide(long memberId, String identifier, DecisionRequest request, String decidedBy) {
        MemberDto member = members.get(memberId);
        CallDto call = calls.get(identifier);
        if (request.status() == DecisionStatus.DISMISSED && request.reasonCode() == null) {
            throw ProblemException.invalid("body", "reasonCode",
                    "a dismissal needs one of NOT_ELIGIBLE, NOT_RELEVANT, NO_CAPACITY, OTHER");
        }
        if (request.status() != DecisionStatus.DISMISSED && request.reasonCode() != null) {
            throw ProblemException.invalid("body", "reasonCode", "only a dismissal takes a reason code");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Decision d = new Decision();
        d.memberId = memberId;
        d.callIdentifier = call.identifier();
        d.status = request.status();
        d.reasonCode = request.reasonCode();
        d.note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        d.decidedBy = decidedBy;
        d.decidedAt = now;
        decisions.persist(d);
        MemberCall pair = pairs.findById(new MemberCall.Key(memberId, call.identifier()));
        boolean created = pair == null;
        if (created) {
            pair = new MemberCall();
            pair.id = new MemberCall.Key(memberId, call.identifier());
        }
        pair.status = PairStatus.of(d.status);
        pair.reasonCode = d.reasonCode;
        pair.decidedAt = now;
        pair.decidedBy = decidedBy;
        if (created) {
            pairs.persist(pair);
        }
        return dto(member, call, pair);
    }

    /** The pair's state and history; 404 when it was never alerted or decided on. */
    @Transactional
    public DecisionDto get(long memberId, String identifier) {
        MemberDto member = members.get(memberId);
        CallDto call = calls.get(identifier);
        MemberCall pair = pairs.findById(new MemberCall.Key(memberId, call.identifier()));
        if (pair == null) {
            throw new ProblemException(404, "Member " + memberId + " has no alert and no decision on call '"
                    + identifier + "'");
        }
        return dto(member, call, pair);
    }

    private DecisionDto dto(MemberDto member, CallDto call, MemberCall pair) {
        List<Decision> history = decisions.list("memberId = ?1 and callIdentifier = ?2",
                Sort.by("decidedAt").and("id"), member.id(), call.identifier());
        Decision last = history.isEmpty() ? null : history.get(history.size() - 1);
        return new DecisionDto(WorkflowMapper.member(member.id(), member), WorkflowMapper.brief(call.identifier(), call,
                today.date()), pair.status, pair.reasonCode, last == null ? null : last.note, pair.decidedBy,
                pair.decidedAt, history.stream().map(WorkflowMapper::entry).toList());
    }

    /** The calls a member goes on with, soonest next deadline first (calls without one last). */
    @Transactional
    public Page<PipelineItem> pipeline(long memberId, PageRequest page) {
        members.get(memberId);
        List<MemberCall> kept = pairs.list("id.memberId = ?1 and status in ?2", memberId, PIPELINE);
        Map<String, CallDto> byId = calls.findAll(kept.stream().map(p -> p.id.callIdentifier).toList());
        Map<String, String> notes = lastNotes(memberId, kept);
        LocalDate now = today.date();
        List<PipelineItem> items = kept.stream()
                .map(p -> new PipelineItem(WorkflowMapper.brief(p.id.callIdentifier, byId.get(p.id.callIdentifier), now),
                        p.status, p.decidedBy, p.decidedAt, notes.get(p.id.callIdentifier)))
                .sorted(Comparator.comparing((PipelineItem i) -> i.call().nextDeadline(),
                                Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(i -> i.call().identifier()))
                .toList();
        int from = Math.min(items.size(), page.offset());
        return new Page<>(items.subList(from, Math.min(items.size(), from + page.size)), page.page, page.size,
                items.size());
    }

    private Map<String, String> lastNotes(long memberId, List<MemberCall> kept) {
        if (kept.isEmpty()) {
            return Map.of();
        }
        Map<String, String> notes = new java.util.HashMap<>();
        decisions.list("memberId = ?1 and callIdentifier in ?2", Sort.by("decidedAt").and("id"), memberId,
                        kept.stream().map(p -> p.id.callIdentifier).toList())
                .forEach(d -> notes.put(d.callIdentifier, d.note)); // the last one wins
        return notes;
    }

    /**
     * Every present decision (a pair's last one; a dismissal that a later change put back in the queue is left
     * out), or with {@code history} every decision ever taken; by member, then call, then time.
     */
    @Transactional
    public List<JudgementDto> export(Long memberId, boolean history) {
        List<Decision> all = memberId == null
                ? decisions.listAll(Sort.by("memberId").and("callIdentifier").and("decidedAt").and("id"))
                : decisions.list("memberId", Sort.by("callIdentifier").and("decidedAt").and("id"), memberId);
        List<Decision> chosen = all;
        if (!history) {
            Map<MemberCall.Key, Decision> last = new java.util.LinkedHashMap<>();
            all.forEach(d -> last.put(new MemberCall.Key(d.memberId, d.callIdentifier), d));
            Map<MemberCall.Key, PairStatus> states = pairs.list("status <> ?1", PairStatus.NEW).stream()
                    .collect(Collectors.toMap(p -> p.id, p -> p.status));
            chosen = last.entrySet().stream().filter(e -> states.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        }
        Map<String, MemberDto> names = members.findAll(chosen.stream().map(d -> Long.toString(d.memberId))
                .collect(Collectors.toSet()));
        return chosen.stream().map(d -> new JudgementDto(d.memberId,
                names.containsKey(Long.toString(d.memberId)) ? names.get(Long.toString(d.memberId)).name() : null,
                d.callIdentifier, d.status, d.reasonCode, d.decidedAt, d.decidedBy, d.note)).toList();
    }
}
