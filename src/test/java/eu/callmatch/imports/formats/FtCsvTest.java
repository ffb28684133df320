package eu.callmatch.imports.formats;

import eu.callmatch.calls.CallKind;
import eu.callmatch.calls.CallTranslation;
import eu.callmatch.calls.CallDto;
import eu.callmatch.common.TestData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FtCsvTest {

    static final Path EXPORTS = TestData.FT_CSV_EXPORTS;
    static final String HEADER = "identifier,title,action_type,type_of_mga_description,submission_procedure,start_date,"
            + "deadline,deadline2,budget_min,budget_max,project_number,path_id,reference,description\n";

    @Test
    void readsEveryExportRowTenderReferencesIncluded() throws Exception {
        int rows = 0, accepted = 0, merged = 0;
        Set<String> identifiers = new HashSet<>(), rejectedIdentifiers = new HashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(EXPORTS)) {
            files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(8, files.size());
        for (Path file : files) {
            Collected<CallDto> calls = Collected.of(file, FtCsv::read);
            rows += calls.accepted.size() + calls.rejected.size() + calls.merged.size();
            accepted += calls.accepted.size();
            merged += calls.merged.size();
            calls.records().forEach(c -> identifiers.add(c.identifier()));
            calls.rejected.forEach(r -> rejectedIdentifiers.add(r.record()));
            calls.rejected.forEach(r -> assertTrue(r.reason().contains("must not contain"), r.toString()));
            for (CallDto call : calls.records()) {
                assertFalse(call.description() != null && call.description().matches("(?s).*<(p|span|br|a)[ >/].*"),
                        call.identifier() + " keeps HTML");
                assertEquals(call.deadlines().stream().sorted().toList(), call.deadlines());
            }
            assertEquals(calls.records().size(), calls.records().stream().map(CallDto::identifier).distinct().count(),
                    file + " yields each record once");
        }
        assertEquals(92, rows, "every row is a record, a rejection or merged");
        // every row is usable, EuropeAid tender references (with slashes) included
        assertEquals(92, accepted + merged);
        // 63 identifiers, of which 11 topics' rows are 22 cascade-funding calls: 52 + 22 records
        assertEquals(74, identifiers.size());
        assertEquals(Set.of(), rejectedIdentifiers);
        assertTrue(identifiers.contains("EuropeAid/172802/ID/ACT/RS"));
    }

    @Test
    void eachCascadeFundingCallIsARecordOfItsOwnUnderItsTopic() throws Exception {
        Collected<CallDto> calls = Collected.of(EXPORTS.resolve("output_query-open_1728752759445.csv"), FtCsv::read);

        String topic = "HORIZON-EIT-2023-25-KIC-EITMANUFACTURING";
        List<CallDto> cascade = calls.records().stream().filter(c -> topic.equals(c.parentTopic())).toList();
        assertEquals(List.of(topic + "-CASCADE-6042", topic + "-CASCADE-5741", topic + "-CASCADE-6901"),
                cascade.stream().map(CallDto::identifier).toList());
        assertTrue(cascade.stream().allMatch(c -> c.kind() == CallKind.CASCADE_FUNDING));
        // each its own budget and deadline, as the rows give them
        assertEquals(List.of(new BigDecimal("170000"), new BigDecimal("300000"), new BigDecimal("8800000")),
                cascade.stream().map(CallDto::budgetMax).toList());
        assertEquals(3, cascade.stream().map(CallDto::deadlines).distinct().count());
        assertEquals("https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
                + "competitive-calls-cs/6042", cascade.get(0).url());
        assertEquals("Horizon Europe", cascade.get(0).programme());
        assertFalse(calls.records().stream().anyMatch(c -> c.identifier().equals(topic)),
                "the topic itself is not listed in this export");
        assertEquals(List.of(), calls.merged);
    }

    @Test
    void languageVersionsOfATenderAreOneCallInEnglishWithTheOtherLanguagesKept() throws Exception {
        Collected<CallDto> sample = Collected.of(EXPORTS.resolve("output_query-open_1718653202242.csv"), FtCsv::read);
        CallDto tender = sample.records().stream()
                .filter(c -> c.identifier().equals("EuropeAid/172802/ID/ACT/RS")).findFirst().orElseThrow();
        assertEquals(CallKind.TENDER, tender.kind());
        assertEquals(List.of("languageVersions", "languageVersions"), sample.merged, "its ES and FR rows");
        // these repeat the English text: nothing to keep
        assertNull(tender.translations());

        // the French row first, with a text of its own (as EuropeAid/173682/DD/ACT/MG has in the original export)
        String csv = HEADER
                + "EuropeAid/1/DD/ACT/MG,Appui au dispositif,,,,,2024-10-01T17:00:00,,,,,,1PROSPECTSFR,Le projet\n"
                + "EuropeAid/1/DD/ACT/MG,Support to the system,,,,,2024-10-01T17:00:00,,,,,,1PROSPECTSEN,The project\n"
                + "EuropeAid/1/DD/ACT/MG,Support to the system,,,,,2024-10-01T17:00:00,,,,,,1PROSPECTSES,The project\n";
        Collected<CallDto> calls = Collected.of(csv, FtCsv::read);

        assertEquals(1, calls.accepted.size());
        assertEquals(2, calls.accepted.get(0).line(), "where the record's first row is");
        CallDto call = calls.records().get(0);
        assertEquals("Support to the system", call.title());
        assertEquals("The project", call.description());
        assertEquals(List.of(new CallTranslation("fr", "Appui au dispositif", "Le projet")), call.translations());
        assertEquals(List.of("languageVersions", "languageVersions"), calls.merged);
    }

    @Test
    void identicalRowsCountOnceAndALaterDifferentRowOfTheSameTopicWins() throws Exception {
        Collected<CallDto> sample = Collected.of(EXPORTS.resolve("output_query-upcoming_1718653130808.csv"), FtCsv::read);
        assertEquals(List.of("identicalRows"), sample.merged);
        assertEquals(7, sample.accepted.size(), "8 rows, one a repeat");

        String csv = HEADER
                + "EU4H-2024-PJ-02-1,Health,,,,,2024-10-01T17:00:00,,,,,,46982451TOPICSen,x\n"
                + "EU4H-2024-PJ-02-1,Health,,,,,2024-10-01T17:00:00,,,,,,46982451EU4HProjectGrants1718668800000,x\n"
                + "EU4H-2024-PJ-02-1,Health,,,,,2024-11-04T17:00:00,,,,,,46982451TOPICSen,x\n";
        Collected<CallDto> calls = Collected.of(csv, FtCsv::read);
        assertEquals(List.of("identicalRows", "laterRowsOfTheSameRecord"), calls.merged);
        assertEquals(List.of(LocalDate.of(2024, 11, 4)), calls.records().get(0).deadlines());
        assertEquals(CallKind.TOPIC, calls.records().get(0).kind());
    }

    @Test
    void cl3HasABomAndAnotherColumnOrder() throws Exception {
        Collected<CallDto> calls = Collected.of(EXPORTS.resolve("CL3.csv"), FtCsv::read);

        assertEquals(5, calls.accepted.size());
        assertEquals(List.of(), calls.rejected);
        CallDto first = calls.accepted.get(0).record();
        assertEquals(2, calls.accepted.get(0).line());
        assertEquals("HORIZON-CL3-2025-01-FCT-01", first.identifier());
        assertNull(first.callIdentifier());
        assertEquals("Horizon Europe", first.programme());
        assertEquals(LocalDate.of(2025, 6, 12), first.openingDate());
        assertEquals(List.of(), first.deadlines());
        assertTrue(first.description().startsWith("Expected Outcome: Project results"), first.description());
        assertEquals("https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"
                + "horizon-cl3-2025-01-fct-01", first.url());
        assertEquals("ft-csv", first.source());
    }

    @Test
    void twoStageTopicsHaveTwoDeadlines() throws Exception {
        Collected<CallDto> calls = Collected.of(EXPORTS.resolve("output_query-open_1718653202242.csv"), FtCsv::read);

        var life = calls.accepted.stream().filter(a -> a.record().identifier().equals("LIFE-2024-STRAT-NAT-SNAP-two-stage"))
                .findFirst().orElseThrow();
        assertEquals(14, life.line());
        CallDto call = life.record();
        assertEquals(List.of(LocalDate.of(2024, 9, 5), LocalDate.of(2025, 3, 6)), call.deadlines());
        assertEquals("two-stage", call.deadlineModel());
        assertEquals("LIFE-PJG", call.actionType());
        assertEquals("LIFE", call.programme());
        assertEquals(LocalDate.of(2024, 4, 18), call.openingDate());
        assertEquals(new BigDecimal("70000000"), call.budgetMax());
    }

    @Test
    void quirksOfSingleRows() {
        String csv = HEADER
                + "HORIZON-CL5-2024-D3-01-01,Wind,HORIZON-RIA HORIZON Research and Innovation Actions,,,2024-05-06T22:00:00,"
                + "2024-09-05T17:00:00,2025-01-20T17:00:00,\"1234,5\",\"3.000.000,75\",3,1,r,\"<p>Line &amp; one</p>\n<p>two<br/>three</p>\"\n"
                + "DIGITAL-2024-AI-01,AI,,,,,2024-10-01T17:00:00,,,,,,,\n";
        Collected<CallDto> calls = Collected.of(csv, FtCsv::read);

        assertEquals(List.of(2L, 4L), calls.accepted.stream().map(Collected.Accepted::line).toList());
        CallDto wind = calls.records().get(0);
        assertEquals(LocalDate.of(2024, 5, 7), wind.openingDate(), "22:00 UTC is midnight in Brussels");
        assertEquals(new BigDecimal("1234.5"), wind.budgetMin());
        assertEquals(new BigDecimal("3000000.75"), wind.budgetMax());
        assertEquals("two-stage", wind.deadlineModel());
        assertEquals(3, wind.expectedGrants());
        assertEquals("Line & one\ntwo\nthree", wind.description());
        CallDto ai = calls.records().get(1);
        assertEquals("Digital Europe", ai.programme());
        assertEquals("single-stage", ai.deadlineModel());
        assertNull(ai.budgetMin());
    }

    @Test
    void aBadDateOrAmountRejectsItsRowOnly() {
        String csv = HEADER
                + "A-1,One,,,,2024-13-01T00:00:00,,,,,,,,\n"
                + "A-2,Two,,,,,2024-10-01T17:00:00,,12k,,,,,\n"
                + "A-3,Three,,,,,2024-10-01T17:00:00,,,,,,,\n"
                + "A-4,Four,too,few\n";
        Collected<CallDto> calls = Collected.of(csv, FtCsv::read);

        assertEquals(List.of("A-3"), calls.records().stream().map(CallDto::identifier).toList());
        assertEquals(List.of(2L, 3L, 5L), calls.rejected.stream().map(Collected.Rejected::line).toList());
        assertTrue(calls.rejected.get(0).reason().contains("2024-13-01"), calls.rejected.get(0).reason());
        assertEquals("A-2", calls.rejected.get(1).record());
    }

    @Test
    void theWrongDelimiterIsAFormatError() throws Exception {
        String semicolons = Collected.read(EXPORTS.resolve("output_query-upcoming_1728752739240.csv")).replace(',', ';');
        FormatException e = assertThrows(FormatException.class, () -> Collected.<CallDto>of(semicolons, FtCsv::read));
        assertEquals(1, e.line());
        assertEquals(11, e.column());
        assertTrue(e.getMessage().contains("';'"), e.getMessage());
    }

    @Test
    void missingRequiredColumnsAreAFormatError() {
        FormatException e = assertThrows(FormatException.class,
                () -> Collected.<CallDto>of("identifier,name,start_date\nA-1,One,\n", FtCsv::read));
        assertEquals(1, e.line());
        assertEquals(4, e.column());
        assertTrue(e.getMessage().contains("[deadline, title]") || e.getMessage().contains("[title, deadline]"), e.getMessage());
    }

    @Test
    void aFileCutInsideAQuotedFieldIsAFormatErrorAtTheRecordThatBroke() throws Exception {
        String whole = Collected.read(EXPORTS.resolve("output_query-upcoming_1728752739240.csv"));
        int cut = whole.indexOf("<p>", whole.indexOf("\nHORIZON", whole.length() / 2));
        String truncated = whole.substring(0, cut + 3);
        long brokenLine = truncated.chars().filter(c -> c == '\n').count() + 1;

        FormatException e = assertThrows(FormatException.class, () -> Collected.<CallDto>of(truncated, FtCsv::read));
        assertEquals(brokenLine, e.line(), e.getMessage());
    }

    @Test
    void multiLineQuotedFieldsKeepLineNumbers() {
        String csv = HEADER
                + "A-1,One,,,,,2024-10-01T17:00:00,,,,,,,\"<p>first</p>\n\n<p>second</p>\"\n"
                + "A-2,Two,,,,,2024-10-01T17:00:00,,,,,,,x\n";
        Collected<CallDto> calls = Collected.of(csv, FtCsv::read);

        assertEquals(List.of(2L, 5L), calls.accepted.stream().map(Collected.Accepted::line).toList());
        assertEquals("first\nsecond", calls.records().get(0).description());
    }
}
