package eu.callmatch.calls;

import java.time.LocalDate;
import java.util.List;

/** Whether a call can be applied to: derived from its dates, so that it stays true day by day. */
public enum CallStatus {
    OPEN, FORTHCOMING, CLOSED;

    /**
     * The status on {@code today}. The dates win over a source's status, which goes stale; a source that says
     * CLOSED is believed (calls get cancelled); a call that left its source is closed.
     */
    public static CallStatus derive(CallStatus sourceStatus, LocalDate openingDate, List<LocalDate> deadlines,
                                    LocalDate leftSourceOn, LocalDate today) {
        if (sourceStatus == CLOSED || leftSourceOn != null) {
            return CLOSED;
        }
        if (deadlines != null && !deadlines.isEmpty() && deadlines.get(deadlines.size() - 1).isBefore(today)) {
            return CLOSED;
        }
        if (openingDate != null) {
            return openingDate.isAfter(today) ? FORTHCOMING : OPEN;
        }
        if (sourceStatus != null) {
            return sourceStatus;
        }
        return deadlines != null && !deadlines.isEmpty() ? OPEN : FORTHCOMING;
    }
}
