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
     * The word pieces of a call's text its semantic vector is read from: half of what one run of the model reads,
     * and the run costs about half as much.
     */
    static final int VECTOR_PIECES = 64;

    /**
     * The start of {@link #of} that a call's semantic vector is read from (title, keywords, destination and the
     * description's opening): its first chunk of ~120 words, found without the tokenizer. Its {@link #vectorDigest}
     * says whether a vector is still the call's; {@link #vectorText} is what the model reads of it.
     */
    public static String vectorSource(IndexedCall call) {
        String text = of(call);
        return text.isBlank() ? text : TextEmbedder.chunks(text).get(0);
    }

    /** The text a call's semantic vector is computed from: {@link #vectorText(String)} of its {@link #vectorSource}. */
    public static String vectorText(IndexedCall call) {
        return vectorText(vectorSource(call));
    }

    /**
     * What the model reads of a call's {@link #vectorSource}: the whole words of it that make {@value #VECTOR_PIECES}
     * word pieces. Chosen by cross-validation on the training queries of {@code CallRankerTraining}: the ranking was
     * alike with the ~120 words one run reads and with the whole text (a blend of all its chunks' vectors), for half
     * the model's time (figures in the README's Matching section). Four fifths of the real calls say all they have in
     * fewer pieces.
     */
    public static String vectorText(String source) {
        return source.isBlank() ? source : WordPieces.start(source, VECTOR_PIECES);
    }

    /**
     * The digest that says which vector a call's {@link #vectorSource} has: of the source and of how much of it the
     * model reads, so that a vector read from more of it (before the cut at {@value #VECTOR_PIECES}) is not taken.
     * Worked out without the tokenizer, for every call an import indexes.
     */
    public static byte[] vectorDigest(String source) {
        return digest(VECTOR_PIECES + " word pieces of: " + source);
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
