package eu.callmatch.digests.service;

import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.digests.DigestDelivery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unsubscribe links that work without a login: the member and the recipient, signed with HMAC-SHA256 under a key
 * that the database keeps (made at first use), so that a link stays valid across restarts and on every replica, and
 * nobody can make one for another member.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    /** A verified link: whose digest, to whom. */
    public record Target(long memberId, DigestDelivery.Recipient recipient) {
    }

    public static final String PATH = "/api/v1/digests/unsubscribe/";
    private static final String KEY_NAME = "digest-unsubscribe";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final EntityManager em;
    private final String publicUrl;
    private volatile byte[] key;

    UnsubscribeLinks(EntityManager em, CallmatchConfig config) {
        this.em = em;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    public String url(long memberId, DigestDelivery.Recipient recipient) {
        return publicUrl + PATH + token(memberId, recipient);
    }

    String token(long memberId, DigestDelivery.Recipient recipient) {
        String payload = memberId + "." + recipient.name();
        return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(sign(payload));
    }

    /** The link's target, or null when the token is not one this service signed. */
    public Target verify(String token) {
        if (token == null || token.length() > 200) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return null;
            }
            int sep = payload.indexOf('.');
            return new Target(Long.parseLong(payload.substring(0, sep)),
                    DigestDelivery.Recipient.valueOf(payload.substring(sep + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = key = loadKey();
        }
        return k;
    }

    /** The first replica to need the key makes it; the others read that one. */
    private byte[] loadKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String stored = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("insert into service_secret (name, secret) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, KEY_NAME).setParameter(2, B64.encodeToString(fresh)).executeUpdate();
            return (String) em.createNativeQuery("select secret from service_secret where name = ?1")
                    .setParameter(1, KEY_NAME).getSingleResult();
        });
        return Base64.getUrlDecoder().decode(stored);
    }
}
