package eu.callmatch.search.matching;

import eu.callmatch.search.index.Analyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static eu.callmatch.search.index.SearchFields.TITLE;

/**
 * A profile's words looked up in the dictionary from its language into English, for the key terms: the longest
 * entry first ("éolien en mer" before "mer"), a word also under its singular ("énergies", "Technologien") and, in
 * German, a compound under its two parts ("Forschungsprojekt": "Forschung" + "Projekt"). Each English term of a
 * translation counts a share of the word's count: the word's count over the number of its translations that calls
 * use, so that a word with ten senses does not outweigh a word with one.
 */
final class ProfileTranslations {

    /** A German compound is split only where both parts are at least this long ("Windpark", not "Wi" + "ndpark"). */
    static final int MIN_COMPOUND_PART = 4;

    /** An entry found in the profile: the member's words as written and their translations, seen {@code count}. */
    record Found(String memberWords, String[] english, int count) {
    }

    /**
     * The English terms the translations give, each with its count (see the class), and per term the member's
     * words and the translation it came from first, for the reasons.
     */
    record Terms(Map<String, Double> counts, Map<String, CallMatch.Translation> pairs) {
        static final Terms NONE = new Terms(Map.of(), Map.of());
    }

    private ProfileTranslations() {
    }

    /** The dictionary entries in {@code text}, each seen {@code count} times (a keyword counts more), into {@code into}. */
    static void find(BilingualDictionary dictionary, String language, String text, int count, List<Found> into) {
        Analyzer words = Analyzers.profileWords(language);
        if (dictionary == null || words == null || text == null || text.isBlank()) {
            return;
        }
        List<String> tokens = new ArrayList<>();
        List<Integer> sentences = new ArrayList<>(); // per word, the number of its sentence (or clause)
        words(words, text, tokens, sentences);
        for (int i = 0; i < tokens.size(); ) {
            int taken = 0;
            for (int n = Math.min(BilingualDictionary.MAX_HEADWORD_WORDS, tokens.size() - i); n >= 2 && taken == 0; n--) {
                List<String> phrase = tokens.subList(i, i + n);
                if (!sentences.get(i).equals(sentences.get(i + n - 1))
                        || Analyzers.isProfileStopWord(language, phrase.get(0))
                        || Analyzers.isProfileStopWord(language, phrase.get(n - 1))) {
                    continue;
                }
                String[] english = dictionary.translations(BilingualDictionary.fold(String.join(" ", phrase)));
                if (english.length > 0) {
                    into.add(new Found(String.join(" ", phrase), english, count));
                    taken = n;
                }
            }
            if (taken == 0) {
                String word = tokens.get(i);
                taken = 1;
                if (word.length() > 2 && !Analyzers.isProfileStopWord(language, word)) {
                    word(dictionary, language, word, count, into);
                }
            }
            i += taken;
        }
    }

    private static void word(BilingualDictionary dictionary, String language, String word, int count,
                             List<Found> into) {
        String[] english = lookUp(dictionary, language, BilingualDictionary.fold(word));
        if (english.length > 0) {
            into.add(new Found(word, english, count));
        } else if ("de".equals(language)) {
            compound(dictionary, word, count, into);
        }
    }

    /** The word as it is, else under a singular or masculine form of its language's regular endings. */
    private static String[] lookUp(BilingualDictionary dictionary, String language, String folded) {
        String[] english = dictionary.translations(folded);
        for (String form : baseForms(language, folded)) {
            if (english.length > 0) {
                break;
            }
            english = dictionary.translations(form);
        }
        return english;
    }

    /** Candidate dictionary forms of an inflected word: plural and feminine endings replaced, most likely first. */
    static List<String> baseForms(String language, String word) {
        String[][] endings = switch (language) {
            case "fr" -> new String[][]{{"aux", "al"}, {"s", ""}, {"x", ""}, {"es", ""}, {"e", ""}, {"nne", "n"}};
            case "es" -> new String[][]{{"es", ""}, {"s", ""}, {"a", "o"}, {"as", "o"}};
            case "ca" -> new String[][]{{"es", "a"}, {"ns", ""}, {"s", ""}, {"ques", "c"}, {"es", ""}, {"a", ""}};
            case "it" -> new String[][]{{"i", "o"}, {"i", "e"}, {"e", "a"}, {"a", "o"}, {"e", "o"}, {"he", "a"}};
            case "de" -> new String[][]{{"en", ""}, {"n", ""}, {"e", ""}, {"er", ""}, {"es", ""}, {"s", ""},
                    {"en", "e"}};
            default -> new String[0][];
        };
        List<String> forms = new ArrayList<>();
        for (String[] ending : endings) {
            if (word.endsWith(ending[0]) && word.length() - ending[0].length() >= 3) {
                forms.add(word.substring(0, word.length() - ending[0].length()) + ending[1]);
            }
        }
        return forms;
    }

    /**
     * A German compound not in the dictionary, under its two parts: of the splits whose parts both are (the first
     * maybe with a linking s), the most even one.
     */
    private static void compound(BilingualDictionary dictionary, String word, int count, List<Found> into) {
        String folded = BilingualDictionary.fold(word);
        String[] bestHead = null;
        String[] bestModifier = null;
        int bestShorter = 0;
        for (int split = MIN_COMPOUND_PART; split <= folded.length() - MIN_COMPOUND_PART; split++) {
            int shorter = Math.min(split, folded.length() - split);
            if (shorter <= bestShorter) {
                continue;
            }
            String[] head = lookUp(dictionary, "de", folded.substring(split));
            if (head.length == 0) {
                continue;
            }
            String left = folded.substring(0, split);
            String[] modifier = dictionary.translations(left);
            if (modifier.length == 0 && left.endsWith("s") && left.length() > MIN_COMPOUND_PART) {
                modifier = dictionary.translations(left.substring(0, left.length() - 1));
            }
            if (modifier.length == 0) {
                modifier = lookUp(dictionary, "de", left);
            }
            if (modifier.length > 0) {
                bestHead = head;
                bestModifier = modifier;
                bestShorter = shorter;
            }
        }
        if (bestHead != null) {
            into.add(new Found(word, bestModifier, count));
            into.add(new Found(word, bestHead, count));
        }
    }

    /**
     * The English terms of what was found: each translation analysed as the calls are, kept only where calls have all
     * its terms ({@code docFreqs} answers, per term, how many calls have it; those without are left out).
     */
    static Terms terms(List<Found> found, Function<Set<String>, Map<String, Integer>> docFreqs) {
        if (found.isEmpty()) {
            return Terms.NONE;
        }
        Map<String, List<String>> analysed = new HashMap<>();
        Set<String> all = new LinkedHashSet<>();
        for (Found f : found) {
            for (String english : f.english()) {
                List<String> terms = analysed.computeIfAbsent(english, ProfileTranslations::englishTerms);
                all.addAll(terms);
            }
        }
        Map<String, Integer> dfs = docFreqs.apply(all);
        Map<String, Double> counts = new HashMap<>();
        Map<String, CallMatch.Translation> pairs = new LinkedHashMap<>();
        for (Found f : found) {
            List<String> kept = new ArrayList<>();
            for (String english : f.english()) {
                List<String> terms = analysed.get(english);
                if (!terms.isEmpty() && terms.stream().allMatch(dfs::containsKey)) {
                    kept.add(english);
                }
            }
            double share = (double) f.count() / Math.max(1, kept.size());
            Map<String, Double> word = new HashMap<>(); // a term in two of the word's translations counts once
            for (String english : kept) {
                for (String term : analysed.get(english)) {
                    word.put(term, share);
                    if (!BilingualDictionary.fold(f.memberWords()).equals(BilingualDictionary.fold(english))) {
                        pairs.putIfAbsent(term, new CallMatch.Translation(f.memberWords(), english));
                    }
                }
            }
            word.forEach((term, c) -> counts.merge(term, c, Double::sum));
        }
        return new Terms(counts, pairs);
    }

    /**
     * The words of {@code text} into {@code tokens}, and into {@code sentences} the number of the sentence or clause
     * each is in: a phrase does not run over a full stop or a comma ("... en mer. Énergie ...").
     */
    private static void words(Analyzer analyzer, String text, List<String> tokens, List<Integer> sentences) {
        try (TokenStream stream = analyzer.tokenStream(TITLE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int sentence = 0;
            int end = 0;
            while (stream.incrementToken()) {
                for (int c = end; c < offset.startOffset(); c++) {
                    char between = text.charAt(c);
                    if (between == '.' || between == ',' || between == ';' || between == ':' || between == '\n'
                            || between == '(' || between == ')') {
                        sentence++;
                        break;
                    }
                }
                tokens.add(term.toString());
                sentences.add(sentence);
                end = offset.endOffset();
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> englishTerms(String english) {
        return tokens(Analyzers.PER_FIELD, english).stream().filter(t -> t.length() > 1).toList();
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(TITLE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
