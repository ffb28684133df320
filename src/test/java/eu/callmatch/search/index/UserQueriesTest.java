package eu.callmatch.search.index;

import eu.callmatch.search.index.UserQueries.Clause;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.index.Term;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserQueriesTest {

    @Test
    void quotesMakePhrasesAndALeadingMinusExcludes() {
        assertEquals(List.of(new Clause("offshore", false, false), new Clause("wind farm", true, false),
                        new Clause("solar", false, true), new Clause("nuclear power", true, true),
                        new Clause("co-operation", false, false)),
                UserQueries.clauses("offshore \"wind farm\" -solar -\"nuclear power\" co-operation"));
    }

    @Test
    void anUnbalancedQuoteIsIgnoredAndTheRestAreWords() {
        assertEquals(List.of(new Clause("title:", false, false), new Clause("unbalanced", false, false),
                        new Clause("quote", false, false)),
                UserQueries.clauses("title:\"unbalanced quote"));
        assertEquals(List.of(new Clause("-", false, false)), UserQueries.clauses(" - "));
    }

    @Test
    void onlyPunctuationAndStopWordsSearchEverything() {
        assertInstanceOf(MatchAllDocsQuery.class, UserQueries.toQuery("AND OR ((( * ~ : ]", IndexKind.CALLS));
        assertInstanceOf(MatchAllDocsQuery.class, UserQueries.toQuery(null, IndexKind.CALLS));
    }

    @Test
    void aPureExclusionIsEverythingBut() {
        BooleanQuery query = (BooleanQuery) UserQueries.toQuery("-solar", IndexKind.CALLS);
        assertEquals(List.of(BooleanClause.Occur.MUST, BooleanClause.Occur.MUST_NOT),
                query.clauses().stream().map(BooleanClause::getOccur).toList());
        assertInstanceOf(MatchAllDocsQuery.class, query.clauses().get(0).getQuery());
    }

    @Test
    void longTextIsCappedInCharactersAndTerms() {
        String words = String.join(" ", Stream.generate(() -> "turbine").limit(1000).toList());
        assertTrue(UserQueries.clauses(words).size() <= UserQueries.MAX_CHARS / 2);
        assertTrue(terms(UserQueries.toQuery(words, IndexKind.CALLS), "title") <= UserQueries.MAX_TERMS);
        // distinct words: a pasted paragraph needs most, not all, of its words
        String paragraph = String.join(" ", Stream.iterate(0, i -> i + 1).limit(300).map(i -> "w" + i).toList());
        BooleanQuery query = (BooleanQuery) UserQueries.toQuery(paragraph, IndexKind.CALLS);
        assertEquals(UserQueries.MAX_TERMS, query.clauses().size());
        assertEquals(48, query.getMinimumNumberShouldMatch());
    }

    static Stream<String> malformed() {
        return Stream.of("AND OR (((", "title:\"unbalanced", "*", "?", "~2", "\"", "\"\"", "-", "--", "- -\"",
                "[a TO b]", "{!lucene}", "\\", "a:b:c", "NOT -\"x", "\u0000\u0001", "\uD83D\uDE00 énergie \u202Eabc",
                "\uD800 lone surrogate \uDFFF", "x".repeat(100_000), "日本語の検索 エネルギー", "ﷺ ⅷ Ⅻ ß ǅ",
                "\"" + "word ".repeat(200) + "\"", "-\"" + "a b ".repeat(300));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void neverThrowsAndAlwaysGivesAQuery(String text) {
        for (IndexKind kind : IndexKind.values()) {
            Query query = UserQueries.toQuery(text, kind);
            assertTrue(query != null);
        }
    }

    static int terms(Query query, String field) {
        List<Term> terms = new ArrayList<>();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... ts) {
                for (Term t : ts) {
                    if (t.field().equals(field)) {
                        terms.add(t);
                    }
                }
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return terms.size();
    }
}
