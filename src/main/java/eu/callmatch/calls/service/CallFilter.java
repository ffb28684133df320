package eu.callmatch.calls.service;

import eu.callmatch.calls.CallStatus;

import java.time.LocalDate;
import java.util.List;

/** What a list of calls is narrowed to; empty lists and nulls narrow nothing. */
public record CallFilter(List<String> programmes, List<CallStatus> statuses, List<String> actionTypes,
                         LocalDate deadlineFrom, LocalDate deadlineTo) {

    public CallFilter {
        programmes = programmes == null ? List.of() : List.copyOf(programmes);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        actionTypes = actionTypes == null ? List.of() : List.copyOf(actionTypes);
    }
}
