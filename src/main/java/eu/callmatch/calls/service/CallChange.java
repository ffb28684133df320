package eu.callmatch.calls.service;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallDto;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an upsert changed in a call that matters to someone following it: a new call, a moved deadline, a call that
 * opened, a new budget. Other edits (a reworded description) have no kind.
 *
 * @param identifier the call
 * @param kinds      what changed; empty when nothing that matters did
 * @param notes      the same in words, old and new value, e.g. "deadline 2026-09-01 -> 2026-09-15"
 */
public record CallChange(String identifier, Set<Kind> kinds, List<String> notes) {

    public enum Kind { NEW_CALL, DEADLINE_CHANGED, STATUS_OPENED, BUDGET_CHANGED }

    /** The change from {@code before} (null: the call is new) to {@code after}. */
    public static CallChange of(CallDto before, CallDto after) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        List<String> notes = new ArrayList<>();
        if (before == null) {
            kinds.add(Kind.NEW_CALL);
            notes.add("new call");
            return new CallChange(after.identifier(), kinds, notes);
        }
        List<?> was = before.deadlines() == null ? List.of() : before.deadlines();
        List<?> now = after.deadlines() == null ? List.of() : after.deadlines();
        if (!was.equals(now)) {
            kinds.add(Kind.DEADLINE_CHANGED);
            notes.add("deadline " + dates(was) + " -> " + dates(now));
        }
        if (before.status() != CallStatus.OPEN && after.status() == CallStatus.OPEN) {
            kinds.add(Kind.STATUS_OPENED);
            notes.add("status " + before.status() + " -> OPEN");
        }
        if (!same(before.budgetMin(), after.budgetMin()) || !same(before.budgetMax(), after.budgetMax())
                || !same(before.totalBudget(), after.totalBudget())) {
            kinds.add(Kind.BUDGET_CHANGED);
            notes.add("budget " + budget(before) + " -> " + budget(after));
        }
        return new CallChange(after.identifier(), kinds, notes);
    }

    private static String dates(List<?> dates) {
        return dates.isEmpty() ? "none" : dates.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String budget(CallDto c) {
        String perGrant = Objects.equals(c.budgetMin(), c.budgetMax()) ? plain(c.budgetMin())
                : plain(c.budgetMin()) + "-" + plain(c.budgetMax());
        return perGrant + " EUR per grant" + (c.totalBudget() == null ? "" : ", " + plain(c.totalBudget()) + " EUR in all");
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "?" : amount.stripTrailingZeros().toPlainString();
    }

    /** Equal amounts, whatever their scale (2000000 and 2000000.00). */
    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
