package eu.callmatch.imports;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ImportRunRepository implements PanacheRepository<ImportRun> {
}
