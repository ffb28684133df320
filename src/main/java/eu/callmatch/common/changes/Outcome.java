package eu.callmatch.common.changes;

/**
 * What an upsert by natural key did: imports count these. STALE: the record was older than the one stored (by its
 * as-of time) and was not applied.
 */
public enum Outcome { CREATED, UPDATED, UNCHANGED, STALE }
