package eu.callmatch.common.text;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import eu.callmatch.common.concurrent.RecentlyUsed;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The languages profiles may be written in, and the detector that tells them apart when the author does not say.
 * Detection runs in-process on n-gram profiles that ship in the library's jar (no model to download).
 */
@ApplicationScoped
public class Languages {

    /** ISO 639-1 codes of the languages the helpdesks' members write in (issue 17), for messages and the API document. */
    public static final String SUPPORTED_LIST = "en, fr, es, ca, de, it";
    /** The same as a list; the calls are in English. */
    public static final List<String> SUPPORTED = List.of(SUPPORTED_LIST.split(", "));
    /**
     * The values a {@code language} field accepts, in lower or upper case (validation annotations need a constant;
     * no inline flag, so that the API document's pattern is one every JSON Schema validator reads).
     */
    public static final String SUPPORTED_PATTERN = "en|fr|es|ca|de|it|EN|FR|ES|CA|DE|IT";

    /**
     * What the detector can answer besides the supported languages: the EU's other languages and Europe's neighbours
     * of ours (Galician, Basque, Occitan, Asturian, Portuguese beside Spanish and Catalan), so that such a text is
     * told as "none of ours" instead of forced into the nearest supported one. Not all 70 profiles of the library:
     * those of the Asian scripts alone take some 80 MB of heap.
     */
    private static final List<String> ALSO_KNOWN = List.of("pt", "gl", "eu", "oc", "ast", "nl", "pl", "ro", "sv", "da",
            "fi", "no", "is", "cs", "sk", "sl", "hr", "sr", "mk", "sq", "bg", "el", "hu", "et", "lv", "lt", "ga", "mt",
            "uk", "ru", "tr");
    /** Below this probability the text is too short or too mixed to tell. */
    static final double MIN_PROBABILITY = 0.9;

    private final LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();
    /**
     * The languages of the texts detected lately: the same profiles come back (a member's every night, a profile a
     * client sends again), and detecting costs about as much as ranking the calls for one.
     */
    private final RecentlyUsed<String, Optional<String>> detected = new RecentlyUsed<>(2048);

    Languages() {
        try {
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().read(
                            Stream.concat(SUPPORTED.stream(), ALSO_KNOWN.stream()).toList()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("the language profiles in the language-detector jar cannot be read", e);
        }
    }

    /** The given code in lower case, or null for none; callers have validated it against {@link #SUPPORTED_PATTERN}. */
    public static String normalise(String code) {
        return code == null || code.isBlank() ? null : code.strip().toLowerCase(Locale.ROOT);
    }

    /** The language given, else the one detected in the description and keywords. */
    public ProfileLanguage of(String given, String description, List<String> keywords) {
        String code = normalise(given);
        if (code != null) {
            return new ProfileLanguage(code, ProfileLanguage.Source.GIVEN);
        }
        String text = Stream.concat(Stream.of(description), keywords == null ? Stream.empty() : keywords.stream())
                .filter(Objects::nonNull).collect(Collectors.joining(". "));
        return new ProfileLanguage(detect(text), ProfileLanguage.Source.DETECTED);
    }

    /** The supported language the text is written in, or null: another language, or too little text to tell. */
    public String detect(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return detected.get(text, t -> {
            List<DetectedLanguage> ranked = detector.getProbabilities(texts.forText(t));
            if (ranked.isEmpty() || ranked.get(0).getProbability() < MIN_PROBABILITY) {
                return Optional.empty();
            }
            String code = ranked.get(0).getLocale().getLanguage();
            return SUPPORTED.contains(code) ? Optional.of(code) : Optional.empty();
        }).orElse(null);
    }
}
