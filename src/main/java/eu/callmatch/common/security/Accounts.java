package eu.callmatch.common.security;

import java.util.Optional;
import java.util.Set;

/** The accounts HTTP Basic logins are checked against; the {@code users} feature keeps them. */
public interface Accounts {

    /** The user's roles when the password is theirs, else empty (an unknown user too). */
    Optional<Set<String>> authenticate(String username, String password);
}
