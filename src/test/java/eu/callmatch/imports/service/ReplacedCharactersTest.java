package eu.callmatch.imports.service;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bytes that are not UTF-8 become U+FFFD and their lines are reported; a U+FFFD the file holds is not. */
class ReplacedCharactersTest {

    @Test
    void onlyBytesThatAreNotUtf8AreReportedEachLineOnce() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("clean line\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes("the portal's own \uFFFD is valid\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes("Caf".getBytes(StandardCharsets.UTF_8));
        file.write(0xE9); // é in Latin-1
        file.writeBytes(" and Cr".getBytes(StandardCharsets.UTF_8));
        file.write(0xE8);
        file.writeBytes("me\nlast".getBytes(StandardCharsets.UTF_8));
        ImportProgress progress = new ImportProgress();

        StringBuilder text = new StringBuilder();
        try (Reader reader = ReplacedCharacters.of(new ByteArrayInputStream(file.toByteArray()), progress)) {
            char[] buffer = new char[7]; // reads across line ends
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        }

        assertEquals("clean line\nthe portal's own \uFFFD is valid\nCaf\uFFFD and Cr\uFFFDme\nlast", text.toString());
        assertEquals(1, progress.errorTotal, "line 3 once, however many replacements it has");
        assertEquals(List.of(3L), progress.errors.stream().map(e -> e.line()).toList());
        assertEquals(ReplacedCharacters.REASON, progress.errors.get(0).reason());
    }
}
