package eu.callmatch.search.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

import java.util.function.Function;
import java.util.stream.Collectors;

/** The one place that says how each field is analyzed, at index and at query time alike. */
public final class Analyzers {

    /** English text for every tokenized field; keyword fields keep their value as one term. */
    public static final Analyzer PER_FIELD = new PerFieldAnalyzerWrapper(new EnglishText(),
            SearchFields.KEYWORD_FIELDS.stream().collect(Collectors.toMap(Function.identity(), f -> new KeywordAnalyzer())));

    /** A profile's text by its language (ISO 639-1), for its key terms: see {@link ProfileLanguageText}. */
    private static final java.util.Map<String, Analyzer> PROFILE_TEXT = ProfileLanguageText.languages().stream()
            .collect(Collectors.toMap(Function.identity(), ProfileLanguageText::new));
    /** A profile's words as written, by its language: see {@link #profileWords}. */
    private static final java.util.Map<String, Analyzer> PROFILE_WORDS = ProfileLanguageText.languages().stream()
            .collect(Collectors.toMap(Function.identity(), ProfileLanguageText::words));

    private Analyzers() {
    }

    /**
     * How a profile's text becomes query terms: a French, Spanish, Catalan, German or Italian profile by its own
     * language's articles and stop words and with English forms of its words; any other (English, unknown) as the
     * calls are indexed.
     */
    public static Analyzer profileText(String language) {
        return language == null ? PER_FIELD : PROFILE_TEXT.getOrDefault(language, PER_FIELD);
    }

    /**
     * A profile's words as written (lower case, elided articles gone, stop words kept), for dictionary look-ups;
     * null for English and languages without a profile analysis.
     */
    public static Analyzer profileWords(String language) {
        return language == null ? null : PROFILE_WORDS.get(language);
    }

    /** Whether {@code word} (lower case) is a stop word of the profile's language (false for English and unknown). */
    public static boolean isProfileStopWord(String language, String word) {
        return language != null && PROFILE_TEXT.get(language) instanceof ProfileLanguageText text
                && text.isStopWord(word);
    }

    /**
     * StandardTokenizer, possessives, lower case, ASCII folding ("Energía" = "energia"), English stop words, then
     * {@link EnglishMinimalStemFilter}: it only folds plurals ("turbines" = "turbine", "batteries" = "battery").
     * Porter or KStem also conflate derivations ("organisation"/"organ", "university"/"universe",
     * "policy"/"police" under Porter) and cost precision on short call titles, where users type the plural
     * or the singular far more often than another derivation; plural-only is predictable and cheap.
     */
    static final class EnglishText extends Analyzer {

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new LowerCaseFilter(result);
            result = new ASCIIFoldingFilter(result);
            result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            result = new EnglishMinimalStemFilter(result);
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }

        /** Keeps a phrase from matching across two values of a multi-valued field (two project titles). */
        @Override
        public int getPositionIncrementGap(String fieldName) {
            return 100;
        }
    }
}
