package eu.callmatch.common.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LanguagesTest {

    private final Languages languages = new Languages();

    @Test
    void eachSupportedLanguageIsToldFromASentence() {
        assertEquals("en", languages.detect("We build underwater drones that inspect ports and offshore wind farms."));
        assertEquals("fr", languages.detect("Nous construisons des drones sous-marins qui inspectent les ports."));
        assertEquals("es", languages.detect("Construimos drones submarinos que inspeccionan puertos y parques eólicos."));
        assertEquals("ca", languages.detect("Construïm drons submarins que inspeccionen ports i parcs eòlics marins."));
        assertEquals("de", languages.detect("Wir bauen Unterwasserdrohnen, die Häfen und Offshore-Windparks prüfen."));
        assertEquals("it", languages.detect("Costruiamo droni subacquei che ispezionano porti e parchi eolici in mare."));
    }

    @Test
    void anotherLanguageOrTooLittleTextIsNone() {
        assertNull(languages.detect("Budujemy podwodne drony inspekcyjne dla portów i morskich farm wiatrowych."));
        assertNull(languages.detect("Construímos drones de inspeção subaquática para portos e parques eólicos."));
        assertNull(languages.detect("AI"));
        assertNull(languages.detect("2026"));
        assertNull(languages.detect("  "));
        assertNull(languages.detect(null));
    }

    @Test
    void aGivenLanguageWinsAndKeywordsCountInDetection() {
        assertEquals(new ProfileLanguage("it", ProfileLanguage.Source.GIVEN),
                languages.of(" IT ", "We build underwater drones for ports.", List.of()));
        assertEquals(new ProfileLanguage("de", ProfileLanguage.Source.DETECTED), languages.of(null, null,
                List.of("Unterwasserrobotik", "Inspektion von Schiffsrümpfen", "schwimmende Windenergieanlagen")));
    }
}
