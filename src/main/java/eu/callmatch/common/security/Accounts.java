package eu.callmatch.common.security;

import java.util.Optional;
import java.util.Set;

/** The accounts HTTP Basic logins are checked against; the {@code users} feature keeps them. */
public interface Accounts {

    /** The user's roles when the password is theirs, else empty (an unknown user too). May block. */
    Optional<Set<String>> authenticate(String username, String password);

    /**
     * The user's roles when {@link #authenticate} verified this very password a short while ago and nothing about
     * the user changed since, else empty (then ask {@code authenticate}). Answered from memory, without blocking.
     */
    Optional<Set<String>> remembered(String username, String password);
}
