package eu.callmatch.imports.formats;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SediaSearchTest {

    static final Path SEDIA = TestData.SEDIA_JSON;

    @Test
    void readsASearchResponse() throws Exception {
        Collected<CallDto> calls = Collected.of(SEDIA.resolve("call_search_10_06_24.json"), SediaSearch::read);

        assertEquals(List.of(), calls.rejected);
        assertEquals(1, calls.accepted.size());
        CallDto call = calls.records().get(0);
        assertEquals("EUAF-2023-TRAI-03", call.identifier());
        // the portal's own date of this version of the record: newer wins by it
        assertEquals(java.time.OffsetDateTime.parse("2024-08-05T15:46:39.821+02:00"), call.asOf());
        assertEquals("EUAF-2023-TRAI", call.callIdentifier());
        assertEquals("Training, conferences, staff exchanges and studies", call.callTitle());
        assertEquals("Union Anti-Fraud Programme", call.programme());
        assertEquals(CallStatus.CLOSED, call.status());
        assertEquals("EUAF-PJG", call.actionType());
        assertEquals(LocalDate.of(2023, 3, 9), call.openingDate());
        assertEquals(List.of(LocalDate.of(2023, 5, 11)), call.deadlines());
        assertEquals("single-stage", call.deadlineModel());
        assertEquals(new BigDecimal("900000"), call.totalBudget(), "only the topic's own line of the call's budget");
        assertEquals(List.of("Staff exchanges", "Fraud prevention"), call.keywords());
        assertTrue(call.description().startsWith("Scope:\nOrganising staff exchanges"), call.description());
        assertFalse(call.conditions().contains("<"), call.conditions());
        assertTrue(calls.accepted.get(0).line() > 1);
    }

    @Test
    void readsSingleResultsWithTheirStatus() throws Exception {
        record Case(String file, String identifier, CallStatus status, LocalDate deadline) {
        }
        for (Case c : List.of(
                new Case("call_dto_10_06_24.json", "EUAF-2023-TRAI-03", CallStatus.CLOSED, LocalDate.of(2023, 5, 11)),
                new Case("call_dto_12_03_24.json", "ERASMUS-EDU-2025-PI-ALL-INNO-EDU-ENTERP", CallStatus.FORTHCOMING,
                        LocalDate.of(2025, 3, 6)),
                new Case("call_dto_12_03_24_2_pppa.json", "PPPA-2024-SKILL-FOR-TOURISM", CallStatus.OPEN,
                        LocalDate.of(2025, 2, 13)))) {
            Collected<CallDto> calls = Collected.of(SEDIA.resolve(c.file()), SediaSearch::read);
            assertEquals(1, calls.accepted.size(), c.file());
            CallDto call = calls.records().get(0);
            assertEquals(c.identifier(), call.identifier());
            assertEquals(c.status(), call.status(), c.file());
            assertEquals(List.of(c.deadline()), call.deadlines(), c.file());
        }
        CallDto pppa = Collected.<CallDto>of(SEDIA.resolve("call_dto_12_03_24_2_pppa.json"), SediaSearch::read).records().get(0);
        assertEquals(new BigDecimal("995000"), pppa.budgetMax());
        assertEquals(1, pppa.expectedGrants());
        assertEquals("Pilot Projects and Preparatory Actions", pppa.programme());
    }

    @Test
    void aResultWithABadDateIsRejectedAndTheOthersKept() {
        String json = """
                {"results": [
                  {"metadata": {"identifier": ["A-1"], "title": ["One"], "deadlineDate": ["2025-03-06T00:00:00.000+0100"], "status": ["31094502"]}},
                  {"metadata": {"identifier": ["A-2"], "title": ["Two"], "deadlineDate": ["next spring"]}},
                  {"metadata": {"title": ["No id"]}}
                ]}""";
        Collected<CallDto> calls = Collected.of(json, SediaSearch::read);

        assertEquals(List.of("A-1"), calls.records().stream().map(CallDto::identifier).toList());
        assertEquals(CallStatus.OPEN, calls.records().get(0).status());
        assertEquals(List.of(2L), calls.accepted.stream().map(Collected.Accepted::line).toList());
        assertEquals(List.of(3L, 4L), calls.rejected.stream().map(Collected.Rejected::line).toList());
        assertEquals("A-2", calls.rejected.get(0).record());
    }

    @Test
    void aResultLongerThanTheRecordCapIsRejectedUnheldAndTheNextIsRead() {
        String json = "{\"results\": [\n"
                + "{\"metadata\": {\"identifier\": [\"A-1\"], \"title\": [\"One\"]}},\n"
                + "{\"metadata\": {\"identifier\": [\"A-2\"], \"keywords\": [" + "\"wind\", ".repeat(10_000) + "\"x\"], "
                + "\"nested\": {\"deeper\": [[\"a\"]]}, \"title\": [\"Two\"]}},\n"
                + "{\"metadata\": {\"identifier\": [\"A-3\"], \"title\": [\"Three\"]}}\n"
                + "]}";
        Collected<CallDto> calls = new Collected<>();
        SediaSearch.read(new java.io.StringReader(json), new InputLimits(1000, 1000, 10_000, 1, 1), calls);

        assertEquals(List.of("A-1", "A-3"), calls.records().stream().map(CallDto::identifier).toList());
        assertEquals(List.of(3L), calls.rejected.stream().map(Collected.Rejected::line).toList());
        assertEquals("the result is longer than 10,000 characters", calls.rejected.get(0).reason());
    }

    @Test
    void aTruncatedResponseIsAFormatErrorAtItsEnd() throws Exception {
        String whole = Collected.read(SEDIA.resolve("call_search_10_06_24.json"));
        String truncated = whole.substring(0, whole.length() - 40);
        FormatException e = assertThrows(FormatException.class, () -> Collected.<CallDto>of(truncated, SediaSearch::read));
        assertEquals(truncated.lines().count(), e.line(), e.getMessage());
    }

    @Test
    void otherDocumentsAreFormatErrors() throws Exception {
        FormatException notJson = assertThrows(FormatException.class, () -> Collected.<CallDto>of("identifier,title\n", SediaSearch::read));
        assertEquals(1, notJson.line());
        FormatException budget = assertThrows(FormatException.class,
                () -> Collected.<CallDto>of(SEDIA.resolve("call_dto_budget_overview.json"), SediaSearch::read));
        assertTrue(budget.getMessage().contains("neither results"), budget.getMessage());
        assertThrows(FormatException.class, () -> Collected.<CallDto>of("[]", SediaSearch::read));
    }
}
