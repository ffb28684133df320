package eu.callmatch.common.spreadsheet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as CSV (RFC 4180) that Excel opens right: UTF-8 with a byte-order mark (without it Excel reads the
 * file in the machine's code page and garbles accents), and, with the semicolon that Excel expects where the decimal
 * separator is a comma, numbers with a decimal comma.
 */
final class CsvSheet {

    private static final char BOM = '\uFEFF';

    private CsvSheet() {
    }

    static byte[] write(Table table, char separator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).get();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, format)) {
            out.write(BOM);
            printer.printRecord(table.header().stream().map(Cells::neutralise).toList());
            for (List<Object> row : table.rows()) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object cell : row) {
                    cells.add(text(Cells.value(cell), separator));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String text(Object value, char separator) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number number) {
            String plain = number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString();
            return separator == ';' ? plain.replace('.', ',') : plain;
        }
        return value.toString();
    }
}
