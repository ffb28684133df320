package eu.callmatch.common.text;

import java.util.Locale;
import java.util.Set;

/**
 * Country codes. The service stores ISO 3166-1 alpha-2; the EU's own sources (CORDIS, the portal) write
 * {@code EL} for Greece and {@code UK} for the United Kingdom, so both conventions are accepted everywhere.
 */
public final class Countries {

    private static final Set<String> ISO = Set.of(Locale.getISOCountries());

    private Countries() {
    }

    /** The ISO code for an ISO or EU code, upper case; null for blank input. */
    public static String normalise(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String upper = code.trim().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "EL" -> "GR";
            case "UK" -> "GB";
            default -> upper;
        };
    }

    /** Whether a code, once normalised, is an ISO 3166-1 alpha-2 country (or XK, Kosovo, used by the EU). */
    public static boolean isKnown(String code) {
        String iso = normalise(code);
        return iso != null && (ISO.contains(iso) || "XK".equals(iso));
    }
}
