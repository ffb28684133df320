package eu.callmatch.common.spreadsheet;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * A table as an XLSX workbook of one sheet: a bold, frozen header row, numbers and dates as typed cells, text as
 * text cells (never formulas), neutralised as in CSV so that a sheet saved again as CSV stays harmless.
 */
final class XlsxSheet {

    private XlsxSheet() {
    }

    static byte[] write(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(bytes, "Callmatch", "1.0")) {
            Worksheet sheet = workbook.newWorksheet(sheetName(table.name()));
            for (int c = 0; c < table.header().size(); c++) {
                sheet.value(0, c, Cells.neutralise(table.header().get(c)));
                sheet.style(0, c).bold().set();
            }
            sheet.freezePane(0, 1);
            int r = 1;
            for (List<Object> row : table.rows()) {
                for (int c = 0; c < row.size(); c++) {
                    write(sheet, r, c, Cells.value(row.get(c)));
                }
                r++;
            }
            sheet.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(Worksheet sheet, int r, int c, Object value) {
        if (value instanceof Number number) {
            sheet.value(r, c, number);
        } else if (value instanceof Boolean flag) {
            sheet.value(r, c, flag);
        } else if (value instanceof LocalDate date) {
            sheet.value(r, c, date);
            sheet.style(r, c).format("yyyy-mm-dd").set();
        } else if (value != null) {
            sheet.value(r, c, value.toString());
        }
    }

    /** Excel's rules: at most 31 characters, none of []:*?/\ . */
    private static String sheetName(String name) {
        String clean = name.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        return clean.isEmpty() ? "Sheet" : clean.length() > 31 ? clean.substring(0, 31) : clean;
    }
}
