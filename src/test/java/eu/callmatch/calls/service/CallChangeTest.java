package eu.callmatch.calls.service;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallDto;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What an upsert changed, as the alerts see it. */
class CallChangeTest {

    static CallDto call(CallStatus status, List<LocalDate> deadlines, String budget, String description) {
        BigDecimal b = budget == null ? null : new BigDecimal(budget);
        return new CallDto("HORIZON-X", null, "Title", null, null, null, null, null, status, null, deadlines, null, b, b,
                null, null, description, List.of(), null, null, null, null, null, null, null);
    }

    static final LocalDate D1 = LocalDate.of(2026, 9, 1);
    static final LocalDate D2 = LocalDate.of(2026, 9, 15);

    @Test
    void kindsAndNotes() {
        CallDto before = call(CallStatus.FORTHCOMING, List.of(D1), "2000000", "old text");
        assertEquals(Set.of(CallChange.Kind.NEW_CALL), CallChange.of(null, before).kinds());
        CallChange change = CallChange.of(before, call(CallStatus.OPEN, List.of(D2), "2500000.00", "old text"));
        assertEquals(Set.of(CallChange.Kind.DEADLINE_CHANGED, CallChange.Kind.STATUS_OPENED,
                CallChange.Kind.BUDGET_CHANGED), change.kinds());
        assertEquals(List.of("deadline 2026-09-01 -> 2026-09-15", "status FORTHCOMING -> OPEN",
                "budget 2000000 EUR per grant -> 2500000 EUR per grant"), change.notes());
    }

    @Test
    void aRewordedDescriptionOrTheSameAmountInAnotherScaleIsNoChangeThatMatters() {
        CallDto before = call(CallStatus.OPEN, List.of(D1), "2000000", "old text");
        assertEquals(Set.of(), CallChange.of(before, call(CallStatus.OPEN, List.of(D1), "2000000.00", "new text")).kinds());
        assertEquals(Set.of(), CallChange.of(call(CallStatus.OPEN, List.of(D1), null, "a"),
                call(CallStatus.CLOSED, List.of(D1), null, "a")).kinds());
    }
}
