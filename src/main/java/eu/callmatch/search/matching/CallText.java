package eu.callmatch.search.matching;

import eu.callmatch.search.IndexedCall;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The text of a call that its vector is computed from: what it is about, title first. */
public final class CallText {

    private CallText() {
    }

    /** The call's heading: its title, its call's title and its destination, without the description. */
    public static String heading(IndexedCall call) {
        return Stream.of(call.title(), call.callTitle(), call.destination())
                .filter(Objects::nonNull).filter(s -> !s.isBlank())
                .map(s -> s.strip().endsWith(".") ? s.strip() : s.strip() + ".")
                .collect(Collectors.joining(" "));
    }

    public static String of(IndexedCall call) {
        String keywords = call.keywords() == null ? null : String.join(", ", call.keywords());
        return Stream.of(call.title(), keywords, call.destination(), call.description())
                .filter(Objects::nonNull).filter(s -> !s.isBlank())
                .map(s -> s.strip().endsWith(".") ? s.strip() : s.strip() + ".")
                .collect(Collectors.joining(" "));
    }

    /**
     * The text a call's semantic vector is computed from: the start of {@link #of} (title, keywords, destination and
     * the description's opening), the ~120 words one run of the model reads. Chosen over the whole text (a blend of
     * all its chunks' vectors) by cross-validation on the training queries of {@code CallRankerTraining}, where both
     * ranked alike (member R@50 0.347 against 0.346, idea R@1 0.484 against 0.487; one standard error is 0.010 and
     * 0.028), while a call costs one run of the model instead of two to three.
     */
    public static String vectorText(IndexedCall call) {
        String text = of(call);
        return text.isBlank() ? text : TextEmbedder.chunks(text).get(0);
    }

    /** A digest of a call's text (16 bytes of its SHA-256): whether the text its vector came from is unchanged. */
    public static byte[] digest(String text) {
        try {
            return java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
    }
}
