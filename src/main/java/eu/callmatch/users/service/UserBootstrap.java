package eu.callmatch.users.service;

import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.security.Roles;
import eu.callmatch.users.UserDto;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * The first users. With {@code callmatch.security.bootstrap-admin.*} set, that admin is created when there is no
 * admin. Without it, only a throwaway install (the embedded database with the demo data) gets the documented demo
 * users, one per role, and a warning at every start; any other install has no user and no default password.
 */
@ApplicationScoped
public class UserBootstrap {

    private static final Logger LOG = Logger.getLogger(UserBootstrap.class);

    /** The demo users of the README: username = role, password = role + "-demo-password". */
    public static final String DEMO_PASSWORD_SUFFIX = "-demo-password";

    private final UserService users;
    private final CallmatchConfig config;

    UserBootstrap(UserService users, CallmatchConfig config) {
        this.users = users;
        this.config = config;
    }

    void onStart(@Observes @Priority(100) StartupEvent event) {
        Optional<UserDto.New> admin = bootstrapAdmin(config.security().bootstrapAdmin());
        if (admin.isPresent()) {
            if (!users.hasAdmin()) {
                create(admin.get());
                LOG.infof("Created the bootstrap admin '%s' (callmatch.security.bootstrap-admin)", admin.get().username());
            }
            return;
        }
        boolean throwaway = config.embeddedDatabase().active() && config.demoData().orElse(true);
        if (throwaway && users.count() == 0) {
            for (String role : Roles.ALL) {
                create(new UserDto.New(role, role + DEMO_PASSWORD_SUFFIX, List.of(role), null));
            }
        }
        if (throwaway && users.exists(Roles.ADMIN)) {
            LOG.warn("""
                    *** DEMO USERS WITH PUBLISHED PASSWORDS ARE ACTIVE: reader, importer, staff, admin \
                    (password: <username>-demo-password, see the README). This is for a local demo only: \
                    set callmatch.security.bootstrap-admin.username/.password and delete the demo users \
                    before anyone else can reach this service. ***""");
        } else if (!users.hasAdmin()) {
            LOG.warn("There is no admin user: set callmatch.security.bootstrap-admin.username and .password "
                    + "(CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_USERNAME, ..._PASSWORD) to create one");
        }
    }

    /**
     * The configured first admin, or empty when none is configured. A half or too weak setting stops the start, with
     * the key to fix: a placeholder left in a Secret must not become the admin's password, nor go unnoticed.
     */
    public static Optional<UserDto.New> bootstrapAdmin(CallmatchConfig.Security.BootstrapAdmin bootstrap) {
        Optional<String> username = bootstrap.username().filter(s -> !s.isBlank());
        Optional<String> password = bootstrap.password().filter(s -> !s.isBlank());
        if (username.isPresent() && password.isEmpty()) {
            throw new IllegalStateException("callmatch.security.bootstrap-admin.password "
                    + "(CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD) is empty while .username is set: "
                    + "give the first admin a password of at least " + UserService.MIN_PASSWORD + " characters");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalStateException("callmatch.security.bootstrap-admin.username "
                    + "(CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_USERNAME) is empty while .password is set: set both or neither");
        }
        if (password.isEmpty()) {
            return Optional.empty();
        }
        if (password.get().length() < UserService.MIN_PASSWORD) {
            throw new IllegalStateException("callmatch.security.bootstrap-admin.password "
                    + "(CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD) has " + password.get().length()
                    + " characters: the first admin's password needs at least " + UserService.MIN_PASSWORD
                    + ", like every user's (is a placeholder still in the Secret or .env file?)");
        }
        return Optional.of(new UserDto.New(username.get(), password.get(), List.of(Roles.ADMIN), null));
    }

    private void create(UserDto.New user) {
        try {
            users.create(user, null);
        } catch (RuntimeException e) {
            // another replica starting at the same time created it first
            if (!users.exists(user.username())) {
                throw e;
            }
        }
    }
}
