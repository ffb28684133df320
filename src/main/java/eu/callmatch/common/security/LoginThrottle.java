package eu.callmatch.common.security;

import eu.callmatch.common.config.CallmatchConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins in memory (per replica), so that guessing passwords gets nowhere, without letting anyone lock
 * a user out. A client address that fails too often for one username is refused for that username for a while,
 * right or wrong password; other addresses, the user's own among them, are not. When a username fails too often
 * across all addresses (guesses spread over many), each further failure locks its address at once instead of after
 * several: the guessing slows down everywhere, and the user still logs in from an address that did not fail.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final CallmatchConfig.Security.LoginThrottle config;
    /** By client address and username. */
    private final Map<String, Failures> byClient = new ConcurrentHashMap<>();
    /** By username, from every address. */
    private final Map<String, Failures> byUsername = new ConcurrentHashMap<>();

    private static final class Failures {
        final Deque<Long> times = new ArrayDeque<>();
        long lockedUntil;

        /** Records a failure at now and returns how many fall within the window. */
        int add(long now, long window) {
            times.addLast(now);
            while (!times.isEmpty() && now - times.peekFirst() > window) {
                times.removeFirst();
            }
            return times.size();
        }

        boolean stale(long now, long window) {
            return lockedUntil < now && (times.isEmpty() || now - times.peekLast() > window);
        }
    }

    LoginThrottle(CallmatchConfig config) {
        this.config = config.security().loginThrottle();
    }

    /** How long this client must still wait before it may try this username again; empty when it may. */
    public Optional<Duration> lockedFor(String client, String username) {
        Failures f = byClient.get(key(client, username));
        if (f == null) {
            return Optional.empty();
        }
        synchronized (f) {
            long left = f.lockedUntil - System.nanoTime();
            return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
        }
    }

    public void failed(String client, String username) {
        if (byClient.size() > MAX_TRACKED || byUsername.size() > MAX_TRACKED) {
            prune();
        }
        long now = System.nanoTime();
        long window = config.window().toNanos();
        Failures all = byUsername.computeIfAbsent(username, k -> new Failures());
        boolean underAttack;
        synchronized (all) {
            underAttack = all.add(now, window) > config.maxFailuresPerUsername();
        }
        Failures f = byClient.computeIfAbsent(key(client, username), k -> new Failures());
        synchronized (f) {
            if (f.add(now, window) >= config.maxFailures() || underAttack) {
                f.lockedUntil = now + config.lockout().toNanos();
                f.times.clear();
            }
        }
    }

    /** A right password clears its own address's count; the username's stays, as the guesses elsewhere go on. */
    public void succeeded(String client, String username) {
        byClient.remove(key(client, username));
    }

    private void prune() {
        long now = System.nanoTime();
        long window = config.window().toNanos();
        for (Map<String, Failures> failures : List.of(byClient, byUsername)) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().stale(now, window);
                }
            });
        }
    }

    private static String key(String client, String username) {
        return client + '\n' + username;
    }
}
