package eu.callmatch.search.matching;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A dictd dictionary written here (entries made up in FreeDict's layout) is read as the installed ones are. */
class BilingualDictionaryTest {

    @TempDir
    Path dir;

    @Test
    void anEntrysTranslationsLeaveOutLabelsExamplesAndCrossReferences() {
        Set<String> english = new LinkedHashSet<>();
        BilingualDictionary.translationsOf("Beispiel /x/ <n>\n [tech.] example <n>, sample <n> [Br.] , specimen\n"
                + "      \"ein Beispiel\"  - an example\n   Synonym: {Muster}\n see: {Vorbild}\n", english);
        assertEquals(List.of("example", "sample", "specimen"), List.copyOf(english));

        english.clear();
        BilingualDictionary.translationsOf("recherche /r/\n1. research, investigation\n2. quest (for sth.); search\n"
                + "3. a very long definition of four words\n", english);
        assertEquals(List.of("research", "investigation", "quest", "search"), List.copyOf(english),
                "numbered senses, glosses gone, a translation of more than three words is a definition");
    }

    @Test
    void headwordsAreFoldedAndPhrasesKeptUpToThreeWords() throws Exception {
        write("freedict-fra-eng", List.of("Énergie /e/\nenergy\n", "éolien en mer /e/\noffshore wind\n",
                "une phrase de quatre mots /u/\nfour words\n"));
        Dictionaries dictionaries = new Dictionaries(dir, dir);
        assertEquals(List.of("es", "ca", "de", "it"), dictionaries.missing());
        BilingualDictionary french = dictionaries.of("fr");
        assertArrayEquals(new String[]{"energy"}, french.translations("energie"));
        assertArrayEquals(new String[]{"offshore wind"}, french.translations(BilingualDictionary.fold("éolien en mer")));
        assertEquals(0, french.translations("une phrase de quatre").length);
        assertEquals(2, french.size());
        assertNull(dictionaries.of("de"), "none installed: the lexical step alone");
    }

    @Test
    void aProfileFindsTheLongestEntryAndPluralsAndGermanCompounds() throws Exception {
        write("freedict-fra-eng", List.of("éolien en mer /e/\noffshore wind\n", "mer /m/\nsea\n",
                "énergie /e/\nenergy\n"));
        write("freedict-deu-eng", List.of("Kunststoff /k/\nplastic <n>\n", "Abfall /a/\nwaste <n>, refuse <n>\n"));
        Dictionaries dictionaries = new Dictionaries(dir, dir);
        List<ProfileTranslations.Found> found = new ArrayList<>();
        ProfileTranslations.find(dictionaries.of("fr"), "fr", "Les énergies de l'éolien en mer", 1, found);
        assertEquals(List.of("énergies", "éolien en mer"), found.stream().map(ProfileTranslations.Found::memberWords)
                .toList(), "the plural under its singular; 'mer' inside the longer entry is not looked up alone");

        found.clear();
        ProfileTranslations.find(dictionaries.of("fr"), "fr", "Un parc éolien. En mer, l'énergie", 1, found);
        assertEquals(List.of("mer", "énergie"), found.stream().map(ProfileTranslations.Found::memberWords).toList(),
                "no entry over a full stop");

        found.clear();
        ProfileTranslations.find(dictionaries.of("de"), "de", "Kunststoffabfälle", 1, found);
        assertEquals(List.of("plastic", "waste"), found.stream().map(f -> f.english()[0]).toList());
    }

    /** A dictd pair: the entries gzip-compressed, the index with base-64 offsets and lengths. */
    private void write(String base, List<String> entries) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        StringBuilder index = new StringBuilder();
        for (String entry : entries) {
            byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
            String headword = entry.substring(0, entry.indexOf(" /")).toLowerCase(java.util.Locale.ROOT);
            index.append(headword).append('\t').append(base64(text.size())).append('\t').append(base64(bytes.length))
                    .append('\n');
            text.write(bytes);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(base + ".dict.dz")))) {
            out.write(text.toByteArray());
        }
        Files.writeString(dir.resolve(base + ".index"), index);
    }

    private static String base64(int n) {
        String digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder s = new StringBuilder();
        do {
            s.insert(0, digits.charAt(n % 64));
            n /= 64;
        } while (n > 0);
        return s.toString();
    }
}
