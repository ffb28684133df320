package eu.callmatch.savedsearches;

/**
 * Where a saved search's hit stands with its owner: NEW until they look at it in the triage queue, then kept
 * (SHORTLISTED, e.g. to pass to a member) or DISMISSED. The names are those of a member-call pair's first statuses,
 * so that the triage queue filters both alike.
 */
public enum HitStatus { NEW, SHORTLISTED, DISMISSED }
