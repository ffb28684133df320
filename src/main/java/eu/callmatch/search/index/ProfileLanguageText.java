package eu.callmatch.search.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A profile written in French, Spanish, Catalan, German or Italian, analysed into the terms of the English call
 * index. The calls are indexed in English ({@link Analyzers}), so the profile's own stemmer would produce terms no
 * call has; instead its language's articles (l', dell') and stop words go ("en", "de", "la" matched English calls
 * before), and each word that follows a regular spelling correspondence with English also gives its English form
 * beside its own: -ción/-zione/-ció to -tion, -ité/-idad/-ità/-itat/-ität to -ity, -ique/-ico/-ik to -ic,
 * -ie/-ía/-gia to -y, -if/-ivo/-iu/-iv to -ive, German k to c ("Produktion" to "production"). Such a form only
 * counts where calls have it: the key terms are looked up in the index.
 */
final class ProfileLanguageText extends Analyzer {

    /** Suffix correspondences per language, longest first: {own suffix, English suffix}. */
    private static final Map<String, List<String[]>> SUFFIXES = Map.of(
            "fr", rules("ique", "ic", "ite", "ity", "logie", "logy", "graphie", "graphy", "nomie", "nomy", "ergie",
                    "ergy", "iel", "ial", "if", "ive", "isme", "ism", "iste", "ist", "aire", "ary"),
            "es", rules("cion", "tion", "idad", "ity", "logia", "logy", "grafia", "graphy", "nomia", "nomy", "ergia",
                    "ergy", "ico", "ic", "ica", "ic", "ivo", "ive", "iva", "ive", "ismo", "ism", "ista", "ist",
                    "ario", "ary", "aria", "ary", "mento", "ment"),
            "ca", rules("cio", "tion", "itat", "ity", "logia", "logy", "grafia", "graphy", "nomia", "nomy", "ergia",
                    "ergy", "ic", "ic", "ica", "ic", "iu", "ive", "iva", "ive", "isme", "ism", "ista", "ist",
                    "ari", "ary", "aria", "ary", "ment", "ment"),
            "it", rules("zione", "tion", "zioni", "tion", "ita", "ity", "logia", "logy", "grafia", "graphy", "nomia",
                    "nomy", "ergia", "ergy", "ico", "ic", "ica", "ic", "ici", "ic", "iche", "ic", "ivo", "ive",
                    "iva", "ive", "ivi", "ive", "ismo", "ism", "ista", "ist", "ario", "ary", "aria", "ary", "mento",
                    "ment", "menti", "ment"),
            "de", rules("itat", "ity", "logie", "logy", "graphie", "graphy", "nomie", "nomy", "ergie", "ergy", "ik",
                    "ic", "isch", "ic", "iv", "ive", "ismus", "ism", "ist", "ist", "ar", "ary"));
    /** The elided articles of French, Catalan and Italian ("l'énergie", "dell'energia"). */
    private static final Map<String, CharArraySet> ARTICLES = Map.of(
            "fr", FrenchAnalyzer.DEFAULT_ARTICLES,
            "ca", new CharArraySet(List.of("d", "l", "m", "n", "s", "t"), true),
            "it", new CharArraySet(List.of("c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl",
                    "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"), true));
    /** A stem shorter than this keeps its suffix ("site" is no "sity"; "energía" is "energy"). */
    private static final int MIN_STEM = 2;

    private final String language;
    private final CharArraySet stopWords;

    ProfileLanguageText(String language) {
        this.language = language;
        this.stopWords = switch (language) {
            case "fr" -> FrenchAnalyzer.getDefaultStopSet();
            case "es" -> SpanishAnalyzer.getDefaultStopSet();
            case "ca" -> CatalanAnalyzer.getDefaultStopSet();
            case "de" -> GermanAnalyzer.getDefaultStopSet();
            case "it" -> ItalianAnalyzer.getDefaultStopSet();
            default -> throw new IllegalArgumentException("no profile analysis for language " + language);
        };
    }

    /** The languages this analysis knows; English profiles use the index's own analyzer. */
    static List<String> languages() {
        return List.of("fr", "es", "ca", "de", "it");
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = new LowerCaseFilter(source);
        if (ARTICLES.containsKey(language)) {
            result = new ElisionFilter(result, ARTICLES.get(language));
        }
        result = new StopFilter(result, stopWords); // before folding: the lists are spelled with accents
        result = new ASCIIFoldingFilter(result);
        result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        result = new EnglishMinimalStemFilter(result); // "robotiques" -> "robotique" before -ique -> -ic
        result = new EnglishForms(result, SUFFIXES.get(language), "de".equals(language));
        return new TokenStreamComponents(source, new EnglishMinimalStemFilter(result));
    }

    /** Whether {@code word} (lower case, as written) is one of the language's stop words. */
    boolean isStopWord(String word) {
        return stopWords.contains(word);
    }

    /**
     * The profile's words as written, lower case and without elided articles but with every stop word, for looking
     * up multi-word dictionary entries ("éolien en mer").
     */
    static Analyzer words(String language) {
        CharArraySet articles = ARTICLES.get(language);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream result = new LowerCaseFilter(source);
                return new TokenStreamComponents(source, articles == null ? result : new ElisionFilter(result, articles));
            }
        };
    }

    private static List<String[]> rules(String... pairs) {
        List<String[]> rules = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            rules.add(new String[]{pairs[i], pairs[i + 1]});
        }
        rules.sort((a, b) -> b[0].length() - a[0].length());
        return List.copyOf(rules);
    }

    /** Each word, then its English form where a correspondence gives one (at the same position). */
    private static final class EnglishForms extends TokenFilter {

        private final List<String[]> suffixes;
        private final boolean kToC;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private String pending;

        EnglishForms(TokenStream input, List<String[]> suffixes, boolean kToC) {
            super(input);
            this.suffixes = suffixes;
            this.kToC = kToC;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (pending != null) {
                term.setEmpty().append(pending);
                position.setPositionIncrement(0);
                pending = null;
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            String english = english(word);
            pending = english.equals(word) ? null : english;
            return true;
        }

        private String english(String word) {
            String form = word;
            for (String[] rule : suffixes) {
                if (form.endsWith(rule[0]) && form.length() - rule[0].length() >= MIN_STEM) {
                    form = form.substring(0, form.length() - rule[0].length()) + rule[1];
                    break;
                }
            }
            return kToC ? form.replace('k', 'c') : form;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending = null;
        }
    }
}
