package eu.callmatch.workflow.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;

/**
 * Who makes a request: the signed-in user's name, or "anonymous". Without a security extension there is no
 * {@link SecurityIdentity} bean at all, hence the {@link Instance}.
 */
final class Who {

    private Who() {
    }

    static String of(Instance<SecurityIdentity> identities) {
        SecurityIdentity identity = identities.isResolvable() ? identities.get() : null;
        return identity == null || identity.isAnonymous() || identity.getPrincipal() == null
                || identity.getPrincipal().getName() == null || identity.getPrincipal().getName().isBlank()
                ? "anonymous" : identity.getPrincipal().getName();
    }
}
