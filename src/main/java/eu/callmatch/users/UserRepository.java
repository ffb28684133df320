package eu.callmatch.users;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, String> {

    public long countWithRole(String role) {
        return getEntityManager()
                .createNativeQuery("select count(*) from app_user where ?1 = any(roles)", Long.class)
                .setParameter(1, role).getSingleResult() instanceof Number n ? n.longValue() : 0;
    }
}
