package eu.callmatch.workflow;

/**
 * Fired when the alerts that an import run's calls raise have all been raised: {@code raised} alerts for
 * {@code members} members, from {@code calls} new or changed calls. The import run records it in its details.
 */
public record AlertsRaised(long runId, int raised, int members, int calls) {
}
