package eu.callmatch.search.matching;

import eu.callmatch.search.index.Analyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.callmatch.search.index.SearchFields.*;

/**
 * The profile's key terms with their query weights, and of them those a dictionary gave, with the member's words they
 * translate.
 */
record KeyTerms(Map<String, Float> weights, Map<String, CallMatch.Translation> translations) {

    /** The profile's terms that are searched: the most distinctive ones (at most 64: a bit each in a long). */
    static final int KEY_TERMS = 48;
    /** A keyword the profile gives counts like a word written this many times. */
    static final int KEYWORD_TF = 3;

    /**
     * The profile's most distinctive terms with their query weight 1 + ln(tf): a long profile repeats what it is
     * about, and its rare words say more than its common ones. A non-English profile's words also count in their
     * dictionary translations ({@link ProfileTranslations}); a term both its English form and a translation give
     * counts the larger of the two, not their sum, and a count below 1 (a share of a word's translations) is its
     * weight as it is.
     */
    static KeyTerms of(IndexReader reader, CallMatchQuery query, Dictionaries dictionaries) throws IOException {
        Map<String, Integer> tf = new HashMap<>();
        Analyzer analyzer = Analyzers.profileText(query.language());
        analyze(analyzer, query.text(), 1, tf);
        if (query.keywords() != null) {
            query.keywords().forEach(k -> analyze(analyzer, k, KEYWORD_TF, tf));
        }
        ProfileTranslations.Terms translated = translate(reader, query, dictionaries);
        Map<String, Double> counts = new HashMap<>(translated.counts());
        tf.forEach((term, count) -> counts.merge(term, (double) count, Math::max));
        // the document frequencies count deleted documents until a merge drops them (a call indexed again with its
        // vector leaves one), so the number they are set against does too, as in BM25's own statistics
        int n = Math.max(1, reader.maxDoc());
        Map<String, Integer> dfs = IndexVersionCache.docFreqs(reader, counts.keySet());
        Map<String, Double> rank = new HashMap<>();
        for (Map.Entry<String, Double> e : counts.entrySet()) {
            int df = dfs.getOrDefault(e.getKey(), 0);
            if (df == 0) {
                continue; // no call has it: it cannot match
            }
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            rank.put(e.getKey(), termWeight(e.getValue()) * idf);
        }
        Map<String, Float> terms = new LinkedHashMap<>();
        rank.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(KEY_TERMS)
                .forEach(e -> terms.put(e.getKey(), (float) termWeight(counts.get(e.getKey()))));
        Map<String, CallMatch.Translation> pairs = new HashMap<>();
        translated.pairs().forEach((term, pair) -> {
            if (terms.containsKey(term)) {
                pairs.put(term, pair);
            }
        });
        return new KeyTerms(terms, pairs);
    }

    /** 1 + ln(count) from one occurrence up; a share of one below it. */
    private static double termWeight(double count) {
        return count >= 1 ? 1 + Math.log(count) : count;
    }

    /** The translations of a non-English profile's words that calls use, where its language has a dictionary. */
    private static ProfileTranslations.Terms translate(IndexReader reader, CallMatchQuery query,
                                                       Dictionaries dictionaries) {
        BilingualDictionary dictionary = dictionaries.of(query.language());
        if (dictionary == null) {
            return ProfileTranslations.Terms.NONE;
        }
        List<ProfileTranslations.Found> found = new ArrayList<>();
        ProfileTranslations.find(dictionary, query.language(), query.text(), 1, found);
        if (query.keywords() != null) {
            query.keywords().forEach(k -> ProfileTranslations.find(dictionary, query.language(), k, KEYWORD_TF, found));
        }
        return ProfileTranslations.terms(found, terms -> {
            try {
                return IndexVersionCache.docFreqs(reader, terms);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void analyze(Analyzer analyzer, String text, int count, Map<String, Integer> tf) {
        if (text == null || text.isBlank()) {
            return;
        }
        try (TokenStream tokens = analyzer.tokenStream(TITLE, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String t = term.toString();
                if (t.length() > 1) {
                    tf.merge(t, count, Integer::sum);
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
