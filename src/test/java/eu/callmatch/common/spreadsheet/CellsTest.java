package eu.callmatch.common.spreadsheet;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CellsTest {

    @Test
    void textThatASpreadsheetWouldRunIsNeutralised() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + formula, Cells.neutralise(formula), formula);
        }
        for (String text : List.of("", "a=1", "Pôle Mer", "'quoted", " =x")) {
            assertEquals(text, Cells.neutralise(text), text);
        }
        assertEquals("'-2 degrees\nsecond", Cells.value(List.of("-2 degrees", "second")));
        assertEquals(-2, Cells.value(-2), "a number stays a number");
        assertEquals("2026-11-27T08:12:00.123Z", Cells.value(OffsetDateTime.parse("2026-11-27T09:12:00.123+01:00")));
        assertEquals("2026-11-27T08:12:00Z", Cells.value(OffsetDateTime.parse("2026-11-27T09:12+01:00")));
    }

    @Test
    void theSeparatorFollowsTheReadersDecimalSeparator() {
        assertEquals(';', Representation.separatorOf("fr-FR,fr;q=0.9,en;q=0.8"));
        assertEquals(';', Representation.separatorOf("de"));
        assertEquals(',', Representation.separatorOf("en-GB,en;q=0.9"));
        assertEquals(',', Representation.separatorOf(null));
        assertEquals(',', Representation.separatorOf("not a language list;;;q=x"));
    }

    @Test
    void semicolonCsvWritesDecimalCommas() {
        Table table = new Table("t", List.of("score", "day", "text"),
                List.<List<Object>>of(List.of(new BigDecimal("0.83"), LocalDate.of(2026, 12, 9), "=x")));
        assertEquals("\uFEFFscore;day;text\r\n0,83;2026-12-09;'=x\r\n",
                new String(CsvSheet.write(table, ';'), StandardCharsets.UTF_8));
    }
}
