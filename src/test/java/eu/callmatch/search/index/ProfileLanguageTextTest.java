package eu.callmatch.search.index;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ProfileLanguageTextTest {

    @Test
    void articlesAndStopWordsGoAndSharedWordsGetTheirEnglishForm() throws IOException {
        assertEquals(List.of("robotique", "robotic", "inspection", "eolienne", "mer"),
                tokens("fr", "La robotique pour l'inspection des éoliennes en mer"));
        assertEquals(List.of("innovacion", "innovation", "biodiversidad", "biodiversity", "energia", "energy"),
                tokens("es", "Innovación y biodiversidad en la energía"));
        assertEquals(List.of("innovacio", "innovation", "qualitat", "quality", "aigua"),
                tokens("ca", "La innovació i la qualitat de l'aigua"));
        assertEquals(List.of("produktion", "production", "elektronik", "electronic", "energie", "energy"),
                tokens("de", "Die Produktion der Elektronik und die Energie"));
        assertEquals(List.of("valutazione", "valutation", "mobilita", "mobility", "energia", "energy"),
                tokens("it", "La valutazione della mobilità e dell'energia"));
    }

    @Test
    void englishAndUnknownProfilesAreAnalysedAsTheCalls() {
        assertSame(Analyzers.PER_FIELD, Analyzers.profileText(null));
        assertSame(Analyzers.PER_FIELD, Analyzers.profileText("en"));
    }

    private static List<String> tokens(String language, String text) throws IOException {
        return AnalyzersTest.tokens(Analyzers.profileText(language), SearchFields.TITLE, text);
    }
}
