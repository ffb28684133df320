package eu.callmatch.calls;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static eu.callmatch.calls.CallStatus.CLOSED;
import static eu.callmatch.calls.CallStatus.FORTHCOMING;
import static eu.callmatch.calls.CallStatus.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CallStatusTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void datesWinOverAStaleSourceStatus() {
        assertEquals(CLOSED, CallStatus.derive(OPEN, null, List.of(TODAY.minusDays(1)), null, TODAY));
        assertEquals(OPEN, CallStatus.derive(FORTHCOMING, TODAY.minusDays(1), List.of(TODAY.plusDays(9)), null, TODAY));
        assertEquals(FORTHCOMING, CallStatus.derive(OPEN, TODAY.plusDays(1), List.of(TODAY.plusDays(9)), null, TODAY));
    }

    @Test
    void theLastDeadlineOfATwoStageCallDecides() {
        assertEquals(OPEN, CallStatus.derive(null, TODAY.minusDays(60),
                List.of(TODAY.minusDays(30), TODAY.plusDays(90)), null, TODAY));
    }

    @Test
    void aDeadlineTodayIsStillOpen() {
        assertEquals(OPEN, CallStatus.derive(null, TODAY.minusDays(60), List.of(TODAY), null, TODAY));
    }

    @Test
    void aSourceThatClosedACallOrThatNoLongerListsItIsBelieved() {
        assertEquals(CLOSED, CallStatus.derive(CLOSED, TODAY.minusDays(1), List.of(TODAY.plusDays(9)), null, TODAY));
        assertEquals(CLOSED, CallStatus.derive(OPEN, TODAY.minusDays(1), List.of(TODAY.plusDays(9)), TODAY, TODAY));
    }

    @Test
    void withoutDatesTheSourceStatusStands() {
        assertEquals(FORTHCOMING, CallStatus.derive(FORTHCOMING, null, List.of(), null, TODAY));
        assertEquals(OPEN, CallStatus.derive(null, null, List.of(TODAY.plusDays(3)), null, TODAY));
        assertEquals(FORTHCOMING, CallStatus.derive(null, null, List.of(), null, TODAY));
    }
}
