package eu.callmatch.common.security;

import eu.callmatch.common.config.CallmatchConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address and username, in memory (per replica): after too many within the
 * window, that client is refused for a while, right or wrong password, so that guessing gets nowhere.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final CallmatchConfig.Security.LoginThrottle config;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private static final class Failures {
        final Deque<Long> times = new ArrayDeque<>();
        long lockedUntil;
    }

    LoginThrottle(CallmatchConfig config) {
        this.config = config.security().loginThrottle();
    }

    /** How long this client must still wait before it may try this username again; empty when it may. */
    public Optional<Duration> lockedFor(String client, String username) {
        Failures f = failures.get(key(client, username));
        if (f == null) {
            return Optional.empty();
        }
        synchronized (f) {
            long left = f.lockedUntil - System.nanoTime();
            return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
        }
    }

    public void failed(String client, String username) {
        if (failures.size() > MAX_TRACKED) {
            prune();
        }
        Failures f = failures.computeIfAbsent(key(client, username), k -> new Failures());
        long now = System.nanoTime();
        synchronized (f) {
            f.times.addLast(now);
            while (!f.times.isEmpty() && now - f.times.peekFirst() > config.window().toNanos()) {
                f.times.removeFirst();
            }
            if (f.times.size() >= config.maxFailures()) {
                f.lockedUntil = now + config.lockout().toNanos();
                f.times.clear();
            }
        }
    }

    public void succeeded(String client, String username) {
        failures.remove(key(client, username));
    }

    private void prune() {
        long now = System.nanoTime();
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().lockedUntil < now && (e.getValue().times.isEmpty()
                        || now - e.getValue().times.peekLast() > config.window().toNanos());
            }
        });
    }

    private static String key(String client, String username) {
        return client + '\n' + username;
    }
}
