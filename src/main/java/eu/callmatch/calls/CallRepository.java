package eu.callmatch.calls;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CallRepository implements PanacheRepositoryBase<Call, String> {
}
