package eu.callmatch.search.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnalyzersTest {

    @Test
    void englishTextIsLowerCasedFoldedStemmedAndLosesStopWords() throws IOException {
        assertEquals(List.of("floating", "offshore", "wind", "turbine"),
                tokens(SearchFields.TITLE, "The Floating Offshore-Wind Turbines"));
        assertEquals(List.of("energia", "renovable"), tokens(SearchFields.DESCRIPTION, "Energía RENOVABLE"));
        assertEquals(List.of("battery", "europe"), tokens(SearchFields.KEYWORDS, "batteries of Europe's"));
    }

    @Test
    void onlyPluralsAreStemmedNotDerivations() throws IOException {
        assertEquals(List.of("organisation", "university", "policy"),
                tokens(SearchFields.TITLE, "organisations universities policies"));
    }

    @Test
    void keywordFieldsKeepTheWholeValue() throws IOException {
        assertEquals(List.of("HORIZON-CL5-2024-D3-01-01"), tokens(SearchFields.ID, "HORIZON-CL5-2024-D3-01-01"));
        assertEquals(List.of("Horizon Europe"), tokens(SearchFields.PROGRAMME, "Horizon Europe"));
        assertEquals(List.of("RESEARCH_ORGANISATION"),
                tokens(SearchFields.ORGANISATION_TYPE, "RESEARCH_ORGANISATION"));
    }

    static List<String> tokens(String field, String text) throws IOException {
        return tokens(Analyzers.PER_FIELD, field, text);
    }

    static List<String> tokens(Analyzer analyzer, String field, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }
}
