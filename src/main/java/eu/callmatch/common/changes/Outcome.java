package eu.callmatch.common.changes;

/** What an upsert by natural key did: imports count these. */
public enum Outcome { CREATED, UPDATED, UNCHANGED }
