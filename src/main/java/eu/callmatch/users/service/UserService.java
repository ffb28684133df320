package eu.callmatch.users.service;

import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.security.Accounts;
import eu.callmatch.common.security.Roles;
import eu.callmatch.users.User;
import eu.callmatch.users.UserDto;
import eu.callmatch.users.UserRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and their passwords: bcrypt hashes in PostgreSQL. A verified password is remembered for a short while
 * (as an HMAC under a key that lives only in this process), so that a client sending Basic credentials with every
 * request does not pay a bcrypt check each time.
 */
@ApplicationScoped
public class UserService implements Accounts {

    public static final int MIN_PASSWORD = 12;
    /** bcrypt reads no more than 72 bytes: a longer password would be silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final int BCRYPT_COST = 10;
    private static final String UNKNOWN_USER_HASH = BcryptUtil.bcryptHash("no user has this password", BCRYPT_COST);

    private record Verified(byte[] mac, Set<String> roles, long until) {
    }

    private final UserRepository users;
    private final CallmatchConfig config;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] cacheKey = new byte[32];

    UserService(UserRepository users, CallmatchConfig config) {
        this.users = users;
        this.config = config;
        new SecureRandom().nextBytes(cacheKey);
    }

    public Page<UserDto> list(PageRequest page) {
        var query = users.findAll(Sort.by("username"));
        return new Page<>(query.page(page.page, page.size).list().stream().map(UserDto::of).toList(),
                page.page, page.size, query.count());
    }

    @Transactional
    public UserDto create(UserDto.New request, String createdBy) {
        checkPassword(request.password());
        Set<String> roles = new LinkedHashSet<>();
        for (String role : request.roles()) {
            String r = role.strip().toLowerCase(java.util.Locale.ROOT);
            if (!Roles.ALL.contains(r)) {
                throw ProblemException.invalid("body", "roles", "'" + role + "' is not a role: " + String.join(", ", Roles.ALL));
            }
            roles.add(r);
        }
        if (users.findById(request.username()) != null) {
            throw ProblemException.conflict("User '" + request.username() + "' exists already");
        }
        User user = new User();
        user.username = request.username();
        user.passwordHash = BcryptUtil.bcryptHash(request.password(), BCRYPT_COST);
        user.roles.addAll(roles);
        user.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        user.createdBy = createdBy;
        user.email = blankToNull(request.email());
        users.persist(user);
        users.flush();
        return UserDto.of(user);
    }

    /** Sets (or, with null, removes) where the user's digests go. */
    @Transactional
    public UserDto email(String username, String email) {
        User user = users.findById(username);
        if (user == null) {
            throw ProblemException.notFound("User", username);
        }
        user.email = blankToNull(email);
        return UserDto.of(user);
    }

    /** The address a user has given, if any. */
    @Transactional
    public Optional<String> emailOf(String username) {
        return Optional.ofNullable(users.findById(username)).map(u -> u.email);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Deletes a user; the last admin stays, so that someone can still manage users. */
    @Transactional
    public void delete(String username) {
        User user = users.findById(username);
        if (user == null) {
            throw ProblemException.notFound("User", username);
        }
        if (user.roles.contains(Roles.ADMIN) && users.countWithRole(Roles.ADMIN) <= 1) {
            throw ProblemException.conflict("User '" + username + "' is the last admin; create another admin first");
        }
        users.delete(user);
        verified.remove(username);
    }

    public boolean hasAdmin() {
        return users.countWithRole(Roles.ADMIN) > 0;
    }

    public long count() {
        return users.count();
    }

    public boolean exists(String username) {
        return users.findById(username) != null;
    }

    /**
     * The user's roles when the password is theirs; empty otherwise (an unknown user as a wrong password). In a
     * transaction of its own: HTTP-level permissions (e.g. on /q/metrics) authenticate outside any request context.
     */
    @Transactional
    @Override
    public Optional<Set<String>> authenticate(String username, String password) {
        byte[] mac = mac(username, password);
        Optional<Set<String>> remembered = remembered(username, mac);
        if (remembered.isPresent()) {
            return remembered;
        }
        User user = users.findById(username);
        // an unknown user costs a bcrypt check too, so that timing does not tell which usernames exist
        if (!BcryptUtil.matches(password, user == null ? UNKNOWN_USER_HASH : user.passwordHash) || user == null) {
            return Optional.empty();
        }
        Set<String> roles = Set.copyOf(user.roles);
        if (verified.size() > 10_000) {
            verified.clear();
        }
        verified.put(username, new Verified(mac, roles, System.nanoTime() + config.security().credentialCacheTime().toNanos()));
        return Optional.of(roles);
    }

    @Override
    public Optional<Set<String>> remembered(String username, String password) {
        return remembered(username, mac(username, password));
    }

    private Optional<Set<String>> remembered(String username, byte[] mac) {
        Verified known = verified.get(username);
        return known != null && known.until() > System.nanoTime() && MessageDigest.isEqual(known.mac(), mac)
                ? Optional.of(known.roles()) : Optional.empty();
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ProblemException.invalid("body", "password", "must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ProblemException.invalid("body", "password", "must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
        }
    }

    private byte[] mac(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
