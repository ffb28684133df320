package eu.callmatch.imports.formats;

import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallmatchJsonlTest {

    static final Path CALLS = TestData.CALLS_SAMPLE;

    @Test
    void readsASampleOfTheEvaluationCorpus() throws Exception {
        Collected<CallDto> calls = Collected.of(CALLS, CallmatchJsonl::read);

        assertEquals(116, calls.accepted.size());
        assertEquals(List.of(), calls.rejected);
        CallDto first = calls.accepted.get(0).record();
        assertEquals(1, calls.accepted.get(0).line());
        assertEquals("AMIF-2024-TF2-AG-THB-01", first.identifier());
        assertEquals(LocalDate.of(2024, 5, 21), first.openingDate());
        assertEquals(List.of(LocalDate.of(2024, 8, 21)), first.deadlines());
        assertEquals(0, new BigDecimal("6000000").compareTo(first.budgetMax()));
        assertEquals(116, calls.accepted.get(115).line());
    }

    @Test
    void rejectsBadLinesWithTheirNumberAndKeepsTheRest() {
        String text = """
                {"identifier": "A-1", "title": "One", "deadlines": ["2025-01-02"]}

                {"identifier": "A-2", "title": "Two", "openingDate": "2025-13-45"}
                not json at all
                {"identifier": "A-3"}
                {"title": "no id"}
                {"identifier": "A-4", "title": "Four", "unknownField": 1}
                {"identifier": "A-5", "title": "Fi""";
        Collected<CallDto> calls = Collected.of(text, CallmatchJsonl::read);

        assertEquals(List.of("A-1", "A-4"), calls.records().stream().map(CallDto::identifier).toList());
        assertEquals(List.of(1L, 7L), calls.accepted.stream().map(Collected.Accepted::line).toList());
        assertEquals(List.of(3L, 4L, 5L, 6L, 8L), calls.rejected.stream().map(Collected.Rejected::line).toList());
        assertTrue(calls.rejected.get(0).reason().contains("2025-13-45"), calls.rejected.get(0).reason());
        assertEquals("A-3", calls.rejected.get(2).record());
    }

    @Test
    void aTruncatedFileLosesOnlyItsLastLine() throws Exception {
        String whole = Collected.read(CALLS);
        String truncated = whole.substring(0, whole.length() / 2);
        Collected<CallDto> calls = Collected.of(truncated, CallmatchJsonl::read);

        long lines = truncated.chars().filter(c -> c == '\n').count();
        assertEquals(lines, calls.accepted.size());
        assertEquals(1, calls.rejected.size());
        assertEquals(lines + 1, calls.rejected.get(0).line());
    }

    @Test
    void aFileThatIsNotJsonLinesIsAFormatError() throws Exception {
        FormatException csv = assertThrows(FormatException.class, () -> Collected.<CallDto>of(
                TestData.FT_CSV_EXPORTS.resolve("CL3.csv"), CallmatchJsonl::read));
        assertEquals(1, csv.line());

        FormatException broken = assertThrows(FormatException.class,
                () -> Collected.<CallDto>of("\n\n{\"identifier\": \"A-1\", \"title\": [}\n", CallmatchJsonl::read));
        assertEquals(3, broken.line());
        assertTrue(broken.column() > 1, broken.getMessage());
    }
}
