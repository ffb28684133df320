package eu.callmatch.members;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MemberAuditRepository implements PanacheRepository<MemberAudit> {
}
