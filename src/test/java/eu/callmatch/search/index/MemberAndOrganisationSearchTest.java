package eu.callmatch.search.index;

import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto.ContactDto;
import eu.callmatch.search.index.SearchRequest.SortBy;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static eu.callmatch.search.index.CallSearchTest.counts;
import static eu.callmatch.search.index.SearchFields.*;
import static eu.callmatch.search.index.TestCorpus.member;
import static eu.callmatch.search.index.TestCorpus.organisation;
import static eu.callmatch.search.index.TestCorpus.participation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberAndOrganisationSearchTest {

    static final ContactDto CLAIRE = new ContactDto("Claire Martin", "claire.martin@example.com", "+33 4 91 00 00 00");

    @Test
    void membersAreSearchedFilteredAndFacetedButTheirContactIsNeverIndexed() throws IOException {
        Document blueHull = Documents.of(member(42, "Blue Hull Robotics SAS", "FR", OrganisationType.SME,
                "Underwater inspection drones for ports and offshore wind farms.", List.of("underwater robotics"),
                List.of("Horizon Europe", "EMFAF"), CLAIRE));
        for (IndexableField field : blueHull) {
            String value = field.stringValue();
            assertFalse(value != null && (value.contains("Claire") || value.contains("example.com")
                    || value.contains("91 00")), field.name() + " carries contact data");
        }
        try (TestCorpus corpus = TestCorpus.of(IndexKind.MEMBERS, List.of(blueHull,
                Documents.of(member(7, "Fraunhofer-Gesellschaft", "DE", OrganisationType.RESEARCH_ORGANISATION,
                        "Applied research on wind energy and robotics.", List.of("wind"), List.of("Horizon Europe"),
                        null)),
                Documents.of(member(8, "Port of Rotterdam", "NL", OrganisationType.PUBLIC_BODY,
                        "A port authority.", List.of(), List.of(), CLAIRE))))) {
            assertEquals(List.of(), corpus.ids(SearchRequest.of("Claire")));
            assertEquals(List.of(), corpus.ids(SearchRequest.of("claire.martin@example.com")));
            assertEquals(List.of("42"), corpus.ids(SearchRequest.of("drone robotics")));
            assertEquals(Set.of("42", "7"), Set.copyOf(corpus.ids(SearchRequest.of("robotics"))));
            assertEquals(List.of("7"), corpus.ids(SearchRequest.of("robotics").withFilter(COUNTRY, "DE")));
            assertEquals(List.of("7"), corpus.ids(SearchRequest.of(null)
                    .withFilter(ORGANISATION_TYPE, "RESEARCH_ORGANISATION", "LARGE_ENTERPRISE")));
            assertEquals(List.of("42"), corpus.ids(SearchRequest.of(null).withFilter(PROGRAMME, "EMFAF")));
            SearchResult faceted = corpus.search(SearchRequest.of(null)
                    .withFacets(COUNTRY, ORGANISATION_TYPE, PROGRAMME, SECTOR));
            assertEquals(Map.of("FR", 1L, "DE", 1L, "NL", 1L), counts(faceted, COUNTRY));
            assertEquals(Map.of("SME", 1L, "RESEARCH_ORGANISATION", 1L, "PUBLIC_BODY", 1L),
                    counts(faceted, ORGANISATION_TYPE));
            assertEquals(Map.of("Horizon Europe", 2L, "EMFAF", 1L), counts(faceted, PROGRAMME));
            assertEquals(Map.of("C28.99", 3L), counts(faceted, SECTOR));
            String snippet = corpus.search(SearchRequest.of("inspection")).hits().get(0).snippet();
            assertTrue(snippet.contains("<em>inspection</em>"), snippet);
        }
    }

    @Test
    void organisationsAreFoundByWhatTheirProjectsDid() throws IOException {
        try (TestCorpus corpus = TestCorpus.of(IndexKind.ORGANISATIONS, List.of(
                Documents.of(organisation("999993274", "FUNDACION TECNALIA RESEARCH & INNOVATION", "ES", false,
                        "REC", 37, List.of(
                                participation("OVERHEAT", "Innovative strategies for containership fires",
                                        "Prevent fires on container ships.", "HORIZON-CL5-2022-D6-01-08",
                                        "Safe, resilient transport", List.of("/engineering and technology/naval engineering")),
                                participation("WINDY", "Floating wind platforms", null, "HORIZON-CL5-2023-D3-01-01",
                                        "Offshore renewables", List.of())))),
                Documents.of(organisation("999000001", "Nautilus Shipyards", "HR", true, "PRC", 2, List.of(
                        participation("HULL", "Hull cleaning robots", "Robots that clean ship hulls in ports.",
                                "HORIZON-CL5-2022-D6-01-08", "Safe, resilient transport", List.of())))),
                Documents.of(organisation("999000002", "Big Steel AG", "DE", false, "PRC", 5, List.of()))))) {
            assertEquals(List.of("999993274"), corpus.ids(SearchRequest.of("fire containerships")));
            assertEquals(List.of("999993274"), corpus.ids(SearchRequest.of("naval engineering")));
            assertEquals(List.of("999993274"), corpus.ids(SearchRequest.of("overheat")));
            assertEquals(List.of("999000001"), corpus.ids(SearchRequest.of("hulls")));
            assertEquals(Set.of("999993274", "999000001"), Set.copyOf(corpus.ids(SearchRequest.of(null)
                    .withFilter(TOPIC, "HORIZON-CL5-2022-D6-01-08"))));
            assertEquals("999993274", corpus.ids(SearchRequest.of("HORIZON-CL5-2023-D3-01-01")).get(0));
            assertEquals(List.of("999000001"), corpus.ids(SearchRequest.of(null).withFilter(SME, "true")));
            assertEquals(List.of("999993274", "999000002", "999000001"),
                    corpus.ids(SearchRequest.of(null).sortedBy(SortBy.PARTICIPATIONS)));
            SearchResult faceted = corpus.search(SearchRequest.of(null).withFilter(COUNTRY, "ES", "HR")
                    .withFacets(COUNTRY, ORGANISATION_TYPE, SME));
            assertEquals(Map.of("ES", 1L, "HR", 1L), counts(faceted, COUNTRY));
            assertEquals(Map.of("RESEARCH_ORGANISATION", 1L, "SME", 1L), counts(faceted, ORGANISATION_TYPE));
            assertEquals(Map.of("false", 1L, "true", 1L), counts(faceted, SME));
            String snippet = corpus.search(SearchRequest.of("robots")).hits().get(0).snippet();
            assertTrue(snippet.contains("<em>robots</em>"), snippet);
        }
    }
}
