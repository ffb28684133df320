package eu.callmatch.workflow.rest;

import io.quarkus.security.identity.SecurityIdentity;

/** Who makes a request: the signed-in user's name, or "anonymous" while the service has no authentication. */
final class Who {

    private Who() {
    }

    static String of(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() || identity.getPrincipal() == null
                || identity.getPrincipal().getName() == null || identity.getPrincipal().getName().isBlank()
                ? "anonymous" : identity.getPrincipal().getName();
    }
}
