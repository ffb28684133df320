package eu.callmatch.search.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every search index is usable: built, and caught up with the database. */
@Readiness
@ApplicationScoped
public class SearchReadiness implements HealthCheck {

    private final SearchIndexes indexes;

    SearchReadiness(SearchIndexes indexes) {
        this.indexes = indexes;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Search indexes").status(indexes.isReady());
        indexes.documentCounts().forEach((kind, count) -> response.withData(kind.name().toLowerCase(), count));
        return response.build();
    }
}
