package eu.callmatch.common.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 fingerprint of a record's fields, to tell an unchanged record from a changed one. */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(Object... fields) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object field : fields) {
                // a separator that text never holds keeps ("ab", "c") apart from ("a", "bc")
                digest.update(String.valueOf(field).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
