package eu.callmatch.users.service;

import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.users.UserDto;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the start makes of callmatch.security.bootstrap-admin.*: a bad setting stops it and says which key and why. */
class UserBootstrapTest {

    @Test
    void aPlaceholderPasswordStopsTheStartNamingTheKeyAndTheRule() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> UserBootstrap.bootstrapAdmin(admin("admin", "REPLACE_ME")));
        assertTrue(e.getMessage().startsWith("callmatch.security.bootstrap-admin.password "
                + "(CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD) has 10 characters"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 12"), e.getMessage());
    }

    @Test
    void anEmptyPasswordBesideAUsernameStopsTheStart() {
        // what a copied .env.example with the password left out gives
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> UserBootstrap.bootstrapAdmin(admin("admin", "")));
        assertTrue(e.getMessage().startsWith("callmatch.security.bootstrap-admin.password "
                + "(CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD) is empty"), e.getMessage());
    }

    @Test
    void aPasswordWithoutUsernameStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> UserBootstrap.bootstrapAdmin(admin(null, "long-enough-password")));
        assertTrue(e.getMessage().startsWith("callmatch.security.bootstrap-admin.username"), e.getMessage());
    }

    @Test
    void twelveCharactersMakeTheFirstAdmin() {
        assertEquals(Optional.of(new UserDto.New("admin", "twelve-chars", List.of("admin"), null)),
                UserBootstrap.bootstrapAdmin(admin("admin", "twelve-chars")));
        assertEquals(Optional.empty(), UserBootstrap.bootstrapAdmin(admin(null, null)));
        assertEquals(Optional.empty(), UserBootstrap.bootstrapAdmin(admin(" ", "")));
    }

    private static CallmatchConfig.Security.BootstrapAdmin admin(String username, String password) {
        return new CallmatchConfig.Security.BootstrapAdmin() {
            @Override
            public Optional<String> username() {
                return Optional.ofNullable(username);
            }

            @Override
            public Optional<String> password() {
                return Optional.ofNullable(password);
            }
        };
    }
}
