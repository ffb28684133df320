package eu.callmatch.workflow.mapping;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallChange;
import eu.callmatch.members.MemberDto;
import eu.callmatch.workflow.Decision;
import eu.callmatch.workflow.MatchAlert;
import eu.callmatch.workflow.PairStatus;
import eu.callmatch.workflow.AlertDto;
import eu.callmatch.workflow.CallBrief;
import eu.callmatch.workflow.DecisionDto;
import eu.callmatch.workflow.MemberRef;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** Between the workflow's entities, the calls and members they name, and the API's records. */
public final class WorkflowMapper {

    private WorkflowMapper() {
    }

    /** The call's facts; a call deleted since is named by its identifier only. */
    public static CallBrief brief(String identifier, CallDto c, LocalDate today) {
        if (c == null) {
            return new CallBrief(identifier, null, null, null, null, null, null, null, null, null);
        }
        LocalDate next = nextDeadline(c.deadlines(), today);
        return new CallBrief(c.identifier(), c.title(), c.programme(), c.status(), c.deadlines(), next,
                next == null ? null : ChronoUnit.DAYS.between(today, next), c.budgetMin(), c.budgetMax(), c.url());
    }

    public static LocalDate nextDeadline(List<LocalDate> deadlines, LocalDate today) {
        return deadlines == null ? null : deadlines.stream().filter(Objects::nonNull).filter(d -> !d.isBefore(today))
                .min(LocalDate::compareTo).orElse(null);
    }

    public static MemberRef member(long id, MemberDto m) {
        return new MemberRef(id, m == null ? null : m.name());
    }

    public static AlertDto alert(MatchAlert a, PairStatus status, MemberRef member, CallBrief call) {
        return new AlertDto(a.id, member, call, a.score,
                a.changes.stream().map(CallChange.Kind::valueOf).toList(), List.copyOf(a.changeNotes),
                List.copyOf(a.reasons), a.importRunId, a.createdAt, status);
    }

    public static DecisionDto.Entry entry(Decision d) {
        return new DecisionDto.Entry(d.status, d.reasonCode, d.note, d.decidedBy, d.decidedAt);
    }
}
