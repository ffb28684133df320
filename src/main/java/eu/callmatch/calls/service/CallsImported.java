package eu.callmatch.calls.service;

import java.util.List;

/**
 * Fired on the import thread when a calls import run has ended, with the calls it created or changed in a way that
 * matters (deadline, status, budget), as committed: the helpdesk's alerts start from here; and the identifiers of all
 * the calls it created or changed, whose semantic vectors are computed again.
 */
public record CallsImported(long runId, List<CallChange> changes, List<String> written) {
}
