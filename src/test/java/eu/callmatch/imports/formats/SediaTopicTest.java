package eu.callmatch.imports.formats;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallDto;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SediaTopicTest {

    static final Path SEDIA = SediaSearchTest.SEDIA;

    static CallDto topic(String file) throws Exception {
        Collected<CallDto> calls = Collected.of(SEDIA.resolve(file), SediaTopic::read);
        assertEquals(List.of(), calls.rejected, file);
        assertEquals(1, calls.accepted.size(), file);
        return calls.records().get(0);
    }

    @Test
    void readsEveryTopicDocument() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(SEDIA)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("call_details_dto_")).sorted().toList();
        }
        assertEquals(7, files.size());
        for (Path file : files) {
            CallDto call = topic(file.getFileName().toString());
            assertFalse(call.deadlines().isEmpty(), file.toString());
            assertTrue(call.description() == null || !call.description().contains("<"), file.toString());
        }
    }

    @Test
    void aTwoStageTopicWithItsBudget() throws Exception {
        CallDto call = topic("call_details_dto_10_06_24.json");

        assertEquals("HORIZON-WIDERA-2025-ACCESS-01-01-two-stage", call.identifier());
        assertEquals("HORIZON-WIDERA-2025-ACCESS-01", call.callIdentifier());
        assertEquals("Horizon Europe", call.programme());
        assertEquals(CallStatus.FORTHCOMING, call.status());
        assertEquals("HORIZON-CSA", call.actionType());
        assertEquals(LocalDate.of(2024, 12, 3), call.openingDate());
        assertEquals(List.of(LocalDate.of(2025, 4, 10), LocalDate.of(2026, 1, 20)), call.deadlines());
        assertEquals("two-stage", call.deadlineModel());
        assertEquals(new BigDecimal("8000000"), call.budgetMin());
        assertEquals(new BigDecimal("15000000"), call.budgetMax());
        assertEquals(new BigDecimal("270000000"), call.totalBudget());
        assertEquals(18, call.expectedGrants());
    }

    @Test
    void anH2020TopicWithTwoActions() throws Exception {
        CallDto call = topic("call_details_dto_10_12_24_2.json");

        assertEquals("MIGRATION-05-2018-2020", call.identifier());
        assertEquals("Horizon 2020", call.programme());
        assertEquals(CallStatus.CLOSED, call.status());
        assertEquals("RIA", call.actionType());
        assertEquals(LocalDate.of(2017, 11, 7), call.openingDate());
        assertEquals(LocalDate.of(2018, 3, 13), call.deadlines().get(0));
        assertTrue(call.deadlines().size() >= 2, call.deadlines().toString());
        assertTrue(call.keywords().contains("Migration") && call.keywords().contains("migrant children"));
        assertTrue(call.description().startsWith("Specific Challenge:\n"), call.description());
    }

    @Test
    void programmesFromTheFramework() throws Exception {
        assertEquals("Connecting Europe Facility", topic("call_details_dto_12_03_24.json").programme());
        assertEquals("Erasmus+", topic("call_details_dto_12_03_24_3.json").programme());
        CallDto erc = topic("call_details_dto_10_12_24.json");
        assertEquals("Horizon Europe", erc.programme());
        assertEquals(List.of(LocalDate.of(2024, 11, 6)), erc.deadlines());
        assertEquals(LocalDate.of(2024, 7, 11), erc.openingDate());
        assertEquals(new BigDecimal("14000000"), erc.budgetMax());
    }

    @Test
    void brokenDocumentsAreFormatErrors() throws Exception {
        String whole = Collected.read(SEDIA.resolve("call_details_dto_12_03_24.json"));
        FormatException truncated = assertThrows(FormatException.class,
                () -> Collected.<CallDto>of(whole.substring(0, whole.length() / 2), SediaTopic::read));
        assertTrue(truncated.line() >= 1, truncated.getMessage());
        assertThrows(FormatException.class, () -> Collected.<CallDto>of("{\"TopicDetails\": {\"title\": \"no id\"}}", SediaTopic::read));
        assertThrows(FormatException.class, () -> Collected.<CallDto>of(SEDIA.resolve("call_search_10_06_24.json"), SediaTopic::read));
        String huge = "{\"TopicDetails\": {\"identifier\": \"A-1\", \"title\": \"T\", \"links\": ["
                + "\"x\",".repeat(13_000_000) + "\"x\"]}}";
        FormatException tooBig = assertThrows(FormatException.class, () -> Collected.<CallDto>of(huge, SediaTopic::read));
        assertTrue(tooBig.getMessage().contains("length"), tooBig.getMessage());
        FormatException csv = assertThrows(FormatException.class, () -> Collected.<CallDto>of("a;b\n", SediaTopic::read));
        assertEquals(1, csv.line());
    }
}
