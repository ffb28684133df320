package eu.callmatch.workflow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MatchAlertRepository implements PanacheRepositoryBase<MatchAlert, Long> {
}
