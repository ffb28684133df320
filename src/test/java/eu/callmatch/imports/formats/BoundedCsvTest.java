package eu.callmatch.imports.formats;

import eu.callmatch.members.MemberDto;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV records beyond the caps are rejected with their line, without being held, and the next records are read. */
class BoundedCsvTest {

    private static final InputLimits SMALL = new InputLimits(100, 50, 300, 1 << 20, 1 << 20);

    @Test
    void aLongLineAFieldAndARecordAreRejectedWithTheirLinesAndTheRestIsRead() {
        String csv = "name,country,organisationType,description\n"
                + "Blue Tide,FR,SME,ok\n"
                + "Long Line," + "x".repeat(10_000) + ",SME,\n"
                + "Green Port,IT,SME,\"two\nlines\"\n"
                + "Big Record,ES,SME,\"" + ("y".repeat(40) + "\n").repeat(10) + "\"\n"
                + "Wide Field,PT,SME," + "z".repeat(60) + "\n"
                + "Last One,DE,SME,\"a \"\"quoted\"\" word, and a comma\"\n";
        Collected<MemberDto> members = new Collected<>();
        MembersCsv.read(new StringReader(csv), SMALL, members);

        assertEquals(List.of("Blue Tide", "Green Port", "Last One"), members.records().stream().map(MemberDto::name).toList());
        assertEquals(List.of(2L, 4L, 18L), members.accepted.stream().map(Collected.Accepted::line).toList());
        assertEquals(List.of(3L, 6L, 17L), members.rejected.stream().map(Collected.Rejected::line).toList());
        assertEquals("line 3 is longer than 100 characters", members.rejected.get(0).reason());
        assertEquals("the record is longer than 300 characters", members.rejected.get(1).reason());
        assertEquals("field 'description' is longer than 50 characters", members.rejected.get(2).reason());
        assertEquals("Long Line," + "x".repeat(70), members.rejected.get(0).record());
    }

    @Test
    void aRecordAtTheEndWithoutALineBreakIsRejectedToo() {
        Collected<MemberDto> members = new Collected<>();
        MembersCsv.read(LineReaderTest.repeated("name,country,organisationType\nBlue Tide,FR,SME\nHuge,", 'q',
                5_000_000, ""), SMALL, members);

        assertEquals(1, members.accepted.size());
        assertEquals(3, members.rejected.get(0).line());
    }

    @Test
    void aHeaderOverTheCapIsNotThisFormat() {
        FormatException e = assertThrows(FormatException.class, () -> MembersCsv.read(
                LineReaderTest.repeated("name,", 'h', 5_000_000, "\nBlue Tide\n"), SMALL, new Collected<>()));
        assertTrue(e.getMessage().contains("line 1 is longer than 100 characters"), e.getMessage());
    }
}
