package eu.callmatch.common.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/** HTTP Basic against the users in PostgreSQL; every failure counts towards the client's login throttle. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Accounts users;
    private final LoginThrottle throttle;
    private final Counter failures;

    DatabaseIdentityProvider(Accounts users, LoginThrottle throttle, MeterRegistry meters) {
        this.users = users;
        this.throttle = throttle;
        this.failures = Counter.builder("callmatch.login.failures")
                .description("HTTP Basic logins refused: unknown user or wrong password").register(meters);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String client = ClientAddress.of(http);
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        // a client sending its credentials with every request is answered on the I/O thread: no worker thread, no
        // transaction, for what was verified a moment ago
        Optional<Set<String>> remembered = users.remembered(username, password);
        if (remembered.isPresent()) {
            throttle.succeeded(client, username);
            return Uni.createFrom().item(identity(request, remembered.get()));
        }
        return context.runBlocking(() -> {
            Set<String> roles = users.authenticate(username, password).orElse(null);
            if (roles == null) {
                throttle.failed(client, username);
                failures.increment();
                throw new AuthenticationFailedException("Wrong username or password");
            }
            throttle.succeeded(client, username);
            return identity(request, roles);
        });
    }

    private static SecurityIdentity identity(UsernamePasswordAuthenticationRequest request, Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                .addRoles(roles)
                .addCredential(request.getPassword())
                .build();
    }
}
