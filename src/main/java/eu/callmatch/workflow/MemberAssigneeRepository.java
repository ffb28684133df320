package eu.callmatch.workflow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MemberAssigneeRepository implements PanacheRepositoryBase<MemberAssignee, Long> {
}
