package eu.callmatch.search.index;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.search.index.SearchRequest.SortBy;
import eu.callmatch.search.index.SearchResult.FacetCount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static eu.callmatch.search.index.SearchFields.*;
import static eu.callmatch.search.index.TestCorpus.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallSearchTest {

    static TestCorpus corpus;

    @BeforeAll
    static void index() {
        corpus = TestCorpus.of(IndexKind.CALLS, List.of(
                Documents.of(call("HORIZON-CL5-2026-D3-01-01", "Novel floating offshore wind turbine designs",
                        "Expected outcome: cheaper floating foundations. Scope: offshore wind farms in deep water.",
                        "Horizon Europe", CallStatus.OPEN, "HORIZON-RIA", "Climate, Energy and Mobility",
                        LocalDate.of(2026, 1, 10), List.of(LocalDate.of(2026, 4, 1)), 3_000_000L,
                        List.of("Offshore wind"))),
                Documents.of(call("HORIZON-CL5-2026-D3-01-02", "Energía renovable en islas",
                        "Solar and wind energy for islands.",
                        "Horizon Europe", CallStatus.FORTHCOMING, "HORIZON-IA", "Climate, Energy and Mobility",
                        LocalDate.of(2026, 6, 1), List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2027, 3, 1)),
                        8_000_000L, List.of())),
                Documents.of(call("LIFE-2026-CET-SOLAR", "Solar energy communities",
                        "Citizens own solar power plants. Nuclear power is out of scope.",
                        "LIFE", CallStatus.OPEN, "LIFE-PJG", null,
                        LocalDate.of(2026, 2, 1), List.of(LocalDate.of(2026, 5, 15)), 1_000_000L, List.of())),
                Documents.of(call("DIGITAL-2026-AI-01", "Artificial intelligence testing facilities",
                        "Testing and experimentation facilities for AI in manufacturing.",
                        "Digital Europe", CallStatus.CLOSED, "DIGITAL-SIMPLE", null,
                        LocalDate.of(2025, 3, 1), List.of(LocalDate.of(2025, 9, 1)), null, List.of("AI"))),
                Documents.of(call("EMFAF-2026-BLUE", "Blue economy <window> & ports",
                        "A".repeat(3000) + " ports of the future must decarbonise their operations. " + "B".repeat(3000),
                        "EMFAF", CallStatus.OPEN, "EMFAF-PJG", null,
                        LocalDate.of(2026, 3, 1), null, 500_000L, List.of()))));
    }

    @AfterAll
    static void close() throws IOException {
        corpus.close();
    }

    @Test
    void pluralsFindSingularsAndAccentsFold() {
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-01"), corpus.ids(SearchRequest.of("turbines")));
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02"), corpus.ids(SearchRequest.of("energia")));
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02"), corpus.ids(SearchRequest.of("ENERGÍA renovable")));
    }

    @Test
    void everyWordIsRequiredAndTitleOutranksDescription() {
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-01", "HORIZON-CL5-2026-D3-01-02"),
                corpus.ids(SearchRequest.of("wind")));
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02"), corpus.ids(SearchRequest.of("wind islands")));
        assertEquals(List.of("LIFE-2026-CET-SOLAR", "HORIZON-CL5-2026-D3-01-02"),
                corpus.ids(SearchRequest.of("solar")));
    }

    @Test
    void phrasesAndExclusions() {
        assertEquals(List.of("LIFE-2026-CET-SOLAR"), corpus.ids(SearchRequest.of("\"solar power\"")));
        assertEquals(List.of(), corpus.ids(SearchRequest.of("\"power solar\"")));
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02"), corpus.ids(SearchRequest.of("solar -\"nuclear power\"")));
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02"), corpus.ids(SearchRequest.of("energy -communities")));
        // a pure exclusion: everything but
        assertEquals(Set.of("HORIZON-CL5-2026-D3-01-01", "DIGITAL-2026-AI-01"),
                Set.copyOf(corpus.ids(SearchRequest.of("-solar -ports"))));
    }

    @Test
    void aTypedIdentifierComesFirst() {
        assertEquals("HORIZON-CL5-2026-D3-01-02",
                corpus.ids(SearchRequest.of("horizon-cl5-2026-d3-01-02")).get(0));
    }

    @Test
    void keywordFiltersOrWithinAFieldAndAcrossFields() {
        assertEquals(Set.of("LIFE-2026-CET-SOLAR", "EMFAF-2026-BLUE"),
                Set.copyOf(corpus.ids(SearchRequest.of("").withFilter(PROGRAMME, "LIFE", "EMFAF"))));
        assertEquals(Set.of("HORIZON-CL5-2026-D3-01-01", "LIFE-2026-CET-SOLAR", "EMFAF-2026-BLUE"),
                Set.copyOf(corpus.ids(SearchRequest.of(null).withFilter(STATUS, "OPEN"))));
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-01"), corpus.ids(SearchRequest.of(null)
                .withFilter(PROGRAMME, "Horizon Europe", "Digital Europe").withFilter(STATUS, "OPEN")));
        assertEquals(List.of("DIGITAL-2026-AI-01"),
                corpus.ids(SearchRequest.of(null).withFilter(ACTION_TYPE, "DIGITAL-SIMPLE")));
        assertEquals(2, corpus.search(SearchRequest.of(null)
                .withFilter(CLUSTER, "Climate, Energy and Mobility")).total());
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02"),
                corpus.ids(SearchRequest.of(null).withFilter(ID, "HORIZON-CL5-2026-D3-01-02")));
        assertEquals(2, corpus.search(SearchRequest.of(null).withFilter(CALL_IDENTIFIER, "HORIZON-CL5-2026-D3-01"))
                .total());
        // exact: a filter value is not analyzed
        assertEquals(0, corpus.search(SearchRequest.of(null).withFilter(PROGRAMME, "life")).total());
    }

    @Test
    void aDeadlineWindowMatchesAnyDeadline() {
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02"), corpus.ids(SearchRequest.of(null)
                .withDeadlineBetween(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31))));
        assertEquals(Set.of("HORIZON-CL5-2026-D3-01-01", "LIFE-2026-CET-SOLAR"), Set.copyOf(corpus.ids(
                SearchRequest.of(null).withDeadlineBetween(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 15)))));
        assertEquals(4, corpus.search(SearchRequest.of(null).withDeadlineBetween(null, LocalDate.of(2030, 1, 1)))
                .total()); // the call without a deadline is not in any window
        assertEquals(3, corpus.search(SearchRequest.of(null).withDeadlineBetween(LocalDate.of(2026, 1, 1), null))
                .total());
    }

    @Test
    void aMinimumBudget() {
        assertEquals(Set.of("HORIZON-CL5-2026-D3-01-01", "HORIZON-CL5-2026-D3-01-02"),
                Set.copyOf(corpus.ids(SearchRequest.of(null).withBudgetMinAtLeast(3_000_000))));
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02"),
                corpus.ids(SearchRequest.of(null).withBudgetMinAtLeast(3_000_001)));
    }

    @Test
    void sortsByEarliestDeadlineAndNewestOpening() {
        // calls that can still be applied to first (the closed DIGITAL call last), each by earliest deadline
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-01", "LIFE-2026-CET-SOLAR",
                        "HORIZON-CL5-2026-D3-01-02", "EMFAF-2026-BLUE", "DIGITAL-2026-AI-01"),
                corpus.ids(SearchRequest.of(null).sortedBy(SortBy.DEADLINE)));
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-02", "EMFAF-2026-BLUE", "LIFE-2026-CET-SOLAR",
                        "HORIZON-CL5-2026-D3-01-01", "DIGITAL-2026-AI-01"),
                corpus.ids(SearchRequest.of(null).sortedBy(SortBy.OPENING_DATE)));
        assertTrue(Float.isNaN(corpus.search(SearchRequest.of("solar").sortedBy(SortBy.DEADLINE))
                .hits().get(0).score()));
    }

    @Test
    void pagesCountEveryHit() {
        SearchResult page = corpus.search(SearchRequest.of(null).sortedBy(SortBy.DEADLINE).page(1, 2));
        assertEquals(5, page.total());
        // offset 1, two hits
        assertEquals(List.of("LIFE-2026-CET-SOLAR", "HORIZON-CL5-2026-D3-01-02"),
                page.hits().stream().map(SearchResult.Hit::id).toList());
        assertEquals(0, corpus.search(SearchRequest.of(null).page(10, 5)).hits().size());
        assertEquals(5, corpus.search(SearchRequest.of(null).page(0, 0)).total());
    }

    @Test
    void facetsCountTheFilteredHits() {
        SearchResult result = corpus.search(SearchRequest.of(null).withFilter(STATUS, "OPEN", "FORTHCOMING")
                .withBudgetMinAtLeast(1_000_000).withFacets(PROGRAMME, STATUS, ACTION_TYPE, CLUSTER));
        assertEquals(3, result.total());
        assertEquals(Map.of("Horizon Europe", 2L, "LIFE", 1L), counts(result, PROGRAMME));
        assertEquals(Map.of("OPEN", 2L, "FORTHCOMING", 1L), counts(result, STATUS));
        assertEquals(Map.of("HORIZON-RIA", 1L, "HORIZON-IA", 1L, "LIFE-PJG", 1L), counts(result, ACTION_TYPE));
        assertEquals(Map.of("Climate, Energy and Mobility", 2L), counts(result, CLUSTER));
        assertEquals(Map.of("Digital Europe", 1L),
                counts(corpus.search(SearchRequest.of("intelligence").withFacets(PROGRAMME)), PROGRAMME));
    }

    @Test
    void snippetsMarkMatchesEscapeTextAndStayShort() {
        String snippet = corpus.search(SearchRequest.of("decarbonise")).hits().get(0).snippet();
        assertTrue(snippet.contains("<em>decarbonise</em>"), snippet);
        assertTrue(snippet.length() <= SnippetFormatter.MAX_CHARS + 30, snippet);
        String title = corpus.search(SearchRequest.of("window")).hits().get(0).snippet();
        assertEquals("Blue economy &lt;<em>window</em>&gt; &amp; ports", title);
        String stemmed = corpus.search(SearchRequest.of("turbines")).hits().get(0).snippet();
        assertTrue(stemmed.contains("<em>turbine</em>"), stemmed);
        // no match in any snippet field: the start of the title
        assertEquals("Artificial intelligence testing facilities",
                corpus.search(SearchRequest.of(null).withFilter(ID, "DIGITAL-2026-AI-01")).hits().get(0).snippet());
    }

    @Test
    void unknownFiltersFacetsAndSortsAreTheCallersMistake() {
        assertThrows(IllegalArgumentException.class,
                () -> corpus.search(SearchRequest.of(null).withFilter(COUNTRY, "FR")));
        assertThrows(IllegalArgumentException.class, () -> corpus.search(SearchRequest.of(null).withFacets(SME)));
        assertThrows(IllegalArgumentException.class,
                () -> corpus.search(SearchRequest.of(null).sortedBy(SortBy.PARTICIPATIONS)));
    }

    @ParameterizedTest
    @MethodSource("eu.callmatch.search.index.UserQueriesTest#malformed")
    void malformedTextSearchesWithoutThrowing(String text) {
        SearchResult result = corpus.search(SearchRequest.of(text).withFacets(PROGRAMME));
        assertNotNull(result.hits());
    }

    @Test
    void luceneSyntaxIsJustText() {
        assertEquals(5, corpus.search(SearchRequest.of("AND OR (((")).total());
        assertEquals(List.of("HORIZON-CL5-2026-D3-01-01"), corpus.ids(SearchRequest.of("designs:\"turbine")));
        assertEquals(List.of("LIFE-2026-CET-SOLAR", "HORIZON-CL5-2026-D3-01-02"), corpus.ids(SearchRequest.of("solar*")));
    }

    static Map<String, Long> counts(SearchResult result, String facet) {
        return result.facets().get(facet).stream().collect(Collectors.toMap(FacetCount::value, FacetCount::count));
    }
}
