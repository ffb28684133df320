package eu.callmatch.search.index;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a user typed, as a Lucene query. Not Lucene syntax: only {@code "quoted phrases"} and a leading
 * {@code -} (exclude) mean something; {@code AND}, {@code :}, {@code *}, {@code ~}, brackets and a lone quote are
 * text, which the analyzer mostly drops. Total: it never throws, whatever the input.
 */
public final class UserQueries {

    public static final int MAX_CHARS = 500;
    /** Analyzed terms; keeps (terms x fields) well under IndexSearcher's 1024-clause limit. */
    public static final int MAX_TERMS = 64;
    /** Up to this many words every one is required; a longer text (a pasted paragraph) needs 3 out of 4. */
    private static final int ALL_REQUIRED_UP_TO = 4;
    /** The best field decides a term's score; the others only break ties, so one long field cannot swamp. */
    private static final float TIE_BREAKER = 0.1f;
    /** A word that is exactly an identifier (a topic id, a PIC) puts that document first. */
    private static final float EXACT_BOOST = 20f;

    /** One word or quoted phrase of the user's text. */
    record Clause(String text, boolean phrase, boolean excluded) {
    }

    private record Token(String term, int position) {
    }

    private UserQueries() {
    }

    /** The query for {@code text} over the kind's weighted text fields; everything when there is nothing to search. */
    public static Query toQuery(String text, IndexKind kind) {
        BooleanQuery.Builder positives = new BooleanQuery.Builder();
        List<Query> required = new ArrayList<>();
        List<Query> excluded = new ArrayList<>();
        int budget = MAX_TERMS;
        String firstField = kind.textFields.keySet().iterator().next();
        for (Clause clause : clauses(text)) {
            int terms = tokens(firstField, clause.text()).size();
            if (terms > budget) {
                break;
            }
            budget -= terms;
            Query query = clauseQuery(clause, kind);
            if (query != null) {
                (clause.excluded() ? excluded : required).add(query);
            }
        }
        if (required.isEmpty()) {
            if (excluded.isEmpty()) {
                return new MatchAllDocsQuery();
            }
            positives.add(new MatchAllDocsQuery(), Occur.MUST);
        } else if (required.size() <= ALL_REQUIRED_UP_TO) {
            required.forEach(q -> positives.add(q, Occur.MUST));
        } else {
            required.forEach(q -> positives.add(q, Occur.SHOULD));
            positives.setMinimumNumberShouldMatch((int) Math.ceil(required.size() * 0.75));
        }
        excluded.forEach(q -> positives.add(q, Occur.MUST_NOT));
        return positives.build();
    }

    /** Splits the text into words and quoted phrases; an unbalanced quote is ignored. */
    static List<Clause> clauses(String text) {
        List<Clause> clauses = new ArrayList<>();
        if (text == null) {
            return clauses;
        }
        String s = cap(text);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean exclude = c == '-' && i + 1 < n && !Character.isWhitespace(s.charAt(i + 1));
            if (exclude) {
                c = s.charAt(++i);
            }
            int close = c == '"' ? s.indexOf('"', i + 1) : -1;
            if (close > 0) {
                clauses.add(new Clause(s.substring(i + 1, close), true, exclude));
                i = close + 1;
            } else {
                int start = c == '"' ? i + 1 : i; // a lone quote is not part of the word
                int end = start;
                while (end < n && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '"') {
                    end++;
                }
                if (end > start) {
                    clauses.add(new Clause(s.substring(start, end), false, exclude));
                }
                i = Math.max(end, i + 1);
            }
        }
        return clauses;
    }

    private static String cap(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }

    /** A disjunction over the fields, each analyzed with its own analyzer; null when nothing is left to search. */
    private static Query clauseQuery(Clause clause, IndexKind kind) {
        List<Query> perField = new ArrayList<>();
        for (Map.Entry<String, Float> field : kind.textFields.entrySet()) {
            Query q = fieldQuery(field.getKey(), tokens(field.getKey(), clause.text()));
            if (q != null) {
                perField.add(new BoostQuery(q, field.getValue()));
            }
        }
        if (perField.isEmpty()) {
            return null; // only stop words or punctuation ("AND", "(((", "*"): not a reason to match nothing
        }
        if (!clause.phrase()) {
            for (String field : kind.exactFields) {
                perField.add(new BoostQuery(new TermQuery(new Term(field, clause.text())), EXACT_BOOST));
                String upper = clause.text().toUpperCase(Locale.ROOT); // topic identifiers are upper case
                if (!upper.equals(clause.text())) {
                    perField.add(new BoostQuery(new TermQuery(new Term(field, upper)), EXACT_BOOST));
                }
            }
        }
        return new DisjunctionMaxQuery(perField, TIE_BREAKER);
    }

    /** One term, or a phrase when the text analyzes to several ("e-mobility" is the phrase "e mobility"). */
    private static Query fieldQuery(String field, List<Token> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        if (tokens.size() == 1) {
            return new TermQuery(new Term(field, tokens.get(0).term()));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        tokens.forEach(t -> phrase.add(new Term(field, t.term()), t.position()));
        return phrase.build();
    }

    private static List<Token> tokens(String field, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = Analyzers.PER_FIELD.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement(); // stop words leave gaps a phrase respects
                tokens.add(new Token(term.toString(), position));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does no I/O
        }
        return tokens;
    }
}
