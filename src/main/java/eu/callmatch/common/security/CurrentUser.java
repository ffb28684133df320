package eu.callmatch.common.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Who is acting: the authenticated user of the current request, or "system" for the service's own jobs. */
@ApplicationScoped
public class CurrentUser {

    public static final String SYSTEM = "system";

    private final Instance<SecurityIdentity> identity;

    CurrentUser(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    public String name() {
        if (!Arc.container().requestContext().isActive()) {
            return SYSTEM;
        }
        SecurityIdentity current = identity.get();
        return current == null || current.isAnonymous() ? SYSTEM : current.getPrincipal().getName();
    }

    /** Whether the caller may see personal data (a member's contact person). */
    public boolean seesPersonalData() {
        if (!Arc.container().requestContext().isActive()) {
            return true;
        }
        SecurityIdentity current = identity.get();
        return current != null && (current.hasRole(Roles.STAFF) || current.hasRole(Roles.ADMIN));
    }
}
