package eu.callmatch.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static eu.callmatch.workflow.WorkflowResourceTest.SOIL_PROFILE;
import static eu.callmatch.workflow.WorkflowResourceTest.TODAY;
import static eu.callmatch.workflow.WorkflowResourceTest.WIND_PROFILE;
import static eu.callmatch.workflow.WorkflowResourceTest.decide;
import static eu.callmatch.workflow.WorkflowResourceTest.member;
import static eu.callmatch.workflow.WorkflowResourceTest.putCall;
import static eu.callmatch.workflow.WorkflowResourceTest.uid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helpdesk's lists as CSV and XLSX files: what Excel and LibreOffice will open. */
@QuarkusTest
class SpreadsheetExportTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final String FORMULA = "=HYPERLINK(\"http://evil.example/\",\"click\")";

    @Test
    void csvHasABomNeutralisedFormulasAndTheReadersSeparator() throws IOException {
        String u = uid();
        String programme = "Sheets " + u;
        String call = "HORIZON-SH-" + u + "-A";
        putCall(call, programme, "-2 degrees: cold chains", "Cold.", TODAY.plusDays(20));
        long m = member("Pôle Mer Méditerranée " + u, WIND_PROFILE, programme);
        decide(m, call, "{\"status\": \"SHORTLISTED\", \"note\": \"" + FORMULA.replace("\"", "\\\"") + "\"}");

        byte[] bytes = given().queryParam("member", m).queryParam("format", "csv")
                .when().get("/api/v1/decisions/export")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"decisions.csv\""))
                .extract().asByteArray();
        assertArrayEquals(BOM, Arrays.copyOf(bytes, 3), "UTF-8 byte-order mark");
        List<CSVRecord> rows = parse(bytes, ',');
        assertEquals("memberName", rows.get(0).get(1));
        assertEquals("Pôle Mer Méditerranée " + u, rows.get(1).get(1));
        assertEquals("'" + FORMULA, rows.get(1).get(7), "the note is text, not a formula");

        // a French reader gets semicolons (and decimal commas); the parameter wins over the header
        byte[] pipeline = given().accept("text/csv").header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")
                .when().get("/api/v1/members/{id}/pipeline", m)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asByteArray();
        List<CSVRecord> semicolons = parse(pipeline, ';');
        assertEquals("callIdentifier", semicolons.get(0).get(0));
        assertEquals(call, semicolons.get(1).get(0));
        assertEquals("'-2 degrees: cold chains", semicolons.get(1).get(1));
        assertEquals(TODAY.plusDays(20).toString(), semicolons.get(1).get(4));
        byte[] commas = given().accept("text/csv").header("Accept-Language", "fr-FR").queryParam("separator", "comma")
                .when().get("/api/v1/members/{id}/pipeline", m)
                .then().statusCode(200).extract().asByteArray();
        assertEquals(call, parse(commas, ',').get(1).get(0));
        given().queryParam("separator", "tab").queryParam("format", "csv")
                .when().get("/api/v1/members/{id}/pipeline", m)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("separator"));
        given().queryParam("format", "pdf").when().get("/api/v1/triage")
                .then().statusCode(400).contentType("application/problem+json");
        given().accept("application/pdf").when().get("/api/v1/triage")
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void xlsxOpensWithTypedCellsAndNoFormulas() throws IOException {
        String u = uid();
        String programme = "Sheets " + u;
        String call = "HORIZON-SH-" + u + "-B";
        putCall(call, programme, "+Floating offshore wind", "Offshore wind turbines and moorings.", TODAY.plusDays(30));
        long m = member("@Blue Hull " + u, WIND_PROFILE, programme);
        decide(m, call, "{\"status\": \"SHORTLISTED\", \"note\": \"" + FORMULA.replace("\"", "\\\"") + "\"}");

        Sheet triage = xlsx(given().accept(XLSX).queryParam("member", m).queryParam("status", "SHORTLISTED")
                .when().get("/api/v1/triage"), "triage.xlsx");
        List<String> header = texts(triage.getRow(0));
        assertEquals(List.of("kind", "memberId", "memberName", "savedSearch", "assignee", "callIdentifier", "title",
                "programme", "callStatus", "nextDeadline", "daysToDeadline", "status", "reasonCode", "lastScore",
                "lastAlertAt", "decidedAt", "url"), header);
        Row row = triage.getRow(1);
        assertEquals("MEMBER_CALL", row.getCell(0).getStringCellValue());
        assertEquals(CellType.NUMERIC, row.getCell(1).getCellType());
        assertEquals(m, (long) row.getCell(1).getNumericCellValue());
        assertEquals("'@Blue Hull " + u, row.getCell(2).getStringCellValue());
        assertEquals("'+Floating offshore wind", row.getCell(6).getStringCellValue());
        assertEquals(TODAY.plusDays(30), row.getCell(9).getLocalDateTimeCellValue().toLocalDate(), "a date cell");
        assertEquals(30, (int) row.getCell(10).getNumericCellValue());
        assertEquals("SHORTLISTED", row.getCell(11).getStringCellValue());
        assertEquals(2, triage.getPhysicalNumberOfRows());

        Sheet decisions = xlsx(given().queryParam("member", m).queryParam("format", "xlsx")
                .when().get("/api/v1/decisions/export"), "decisions.xlsx");
        for (Row r : decisions) {
            for (Cell cell : r) {
                assertTrue(cell.getCellType() != CellType.FORMULA, "no formula cell");
            }
        }
        assertEquals("'" + FORMULA, decisions.getRow(1).getCell(7).getStringCellValue());

        Sheet pipeline = xlsx(given().queryParam("format", "xlsx").when().get("/api/v1/members/{id}/pipeline", m),
                "pipeline.xlsx");
        assertEquals(call, pipeline.getRow(1).getCell(0).getStringCellValue());
    }

    @Test
    void searchesAndMatchesComeAsSpreadsheetsRowForItem() throws IOException {
        String u = uid();
        String programme = "Sheets " + u;
        putCall("HORIZON-SH-" + u + "-W", programme, "Offshore wind inspection", WIND_PROFILE, TODAY.plusDays(40));
        putCall("HORIZON-SH-" + u + "-S", programme, "Soil living labs", SOIL_PROFILE, TODAY.plusDays(50));
        long m = member("Sheets member " + u, WIND_PROFILE, programme);
        member("Sheets partner " + u, WIND_PROFILE, programme);

        var calls = given().queryParam("programme", programme).when().get("/api/v1/calls")
                .then().statusCode(200).extract().jsonPath();
        Sheet callSheet = xlsx(given().queryParam("programme", programme).accept(XLSX).when().get("/api/v1/calls"),
                "calls.xlsx");
        assertEquals("identifier", callSheet.getRow(0).getCell(0).getStringCellValue());
        assertEquals(calls.getList("items.identifier"), column(callSheet, 0));

        var matches = given().queryParam("programme", programme).queryParam("limit", 5)
                .when().get("/api/v1/members/{id}/call-matches", m).then().statusCode(200).extract().jsonPath();
        Sheet matchSheet = xlsx(given().queryParam("programme", programme).queryParam("limit", 5)
                .queryParam("format", "xlsx").when().get("/api/v1/members/{id}/call-matches", m), "call-matches.xlsx");
        assertEquals(matches.getList("items.call.identifier"), column(matchSheet, 1));
        assertEquals(matches.getDouble("items[0].score"), matchSheet.getRow(1).getCell(0).getNumericCellValue(), 1e-9);
        assertEquals(String.join("\n", matches.getList("items[0].reasons", String.class)),
                matchSheet.getRow(1).getCell(9).getStringCellValue(), "the reasons, one a line");

        String wind = "HORIZON-SH-" + u + "-W";
        var partners = given().queryParam("source", "MEMBERS").when().get("/api/v1/calls/{id}/partner-matches", wind)
                .then().statusCode(200).extract().jsonPath();
        byte[] csv = given().queryParam("source", "MEMBERS").accept("text/csv")
                .when().get("/api/v1/calls/{id}/partner-matches", wind)
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"partner-matches.csv\""))
                .extract().asByteArray();
        List<CSVRecord> rows = parse(csv, ',');
        assertEquals(List.of("kind", "id", "pic", "name", "country", "organisationType", "sme", "score", "reasons",
                "projects"), rows.get(0).toList());
        assertEquals(partners.getList("items.name"), rows.subList(1, rows.size()).stream().map(r -> r.get(3)).toList());

        given().contentType(ContentType.JSON).accept("text/csv")
                .body("{\"description\": \"" + WIND_PROFILE + "\", \"keywords\": []}")
                .queryParam("programme", programme)
                .when().post("/api/v1/call-matches")
                .then().statusCode(200).contentType(startsWith("text/csv"));
    }

    // --- reading the files back ---

    static List<CSVRecord> parse(byte[] bytes, char separator) throws IOException {
        assertArrayEquals(BOM, Arrays.copyOf(bytes, 3), "UTF-8 byte-order mark");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.builder().setDelimiter(separator).get().parse(new StringReader(text)).getRecords();
    }

    static Sheet xlsx(io.restassured.response.Response response, String file) throws IOException {
        byte[] bytes = response.then().statusCode(200).contentType(XLSX)
                .header("Content-Disposition", equalTo("attachment; filename=\"" + file + "\""))
                .extract().asByteArray();
        XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes));
        assertEquals(1, workbook.getNumberOfSheets());
        return workbook.getSheetAt(0);
    }

    static List<String> texts(Row row) {
        DataFormatter format = new DataFormatter();
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(format.formatCellValue(cell)));
        return texts;
    }

    static List<String> column(Sheet sheet, int c) {
        List<String> values = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            values.add(sheet.getRow(r).getCell(c).getStringCellValue());
        }
        return values;
    }
}
