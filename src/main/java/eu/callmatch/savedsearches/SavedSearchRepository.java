package eu.callmatch.savedsearches;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SavedSearchRepository implements PanacheRepositoryBase<SavedSearch, Long> {
}
