package eu.callmatch.common.spreadsheet;

import eu.callmatch.common.error.ProblemException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How a list is handed out, for every operation that offers spreadsheets (a {@code @BeanParam}): JSON, CSV or XLSX,
 * by the {@code format} parameter or else by content negotiation on {@code Accept}; for CSV the separator, by the
 * {@code separator} parameter or else by the first language of {@code Accept-Language}, since Excel splits a CSV on
 * the list separator of the reader's locale (a semicolon wherever decimals are written with a comma).
 */
public class Representation {

    public static final String TEXT_CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** For the OpenAPI document: what a CSV answer says about itself. */
    public static final String CSV_DESCRIPTION = "UTF-8 with a byte-order mark, a header row, ',' or ';' as separator "
            + "(see separator); a text cell starting with =, +, -, @, a tab or a carriage return has a leading ' so "
            + "that no spreadsheet takes it for a formula";
    public static final String XLSX_DESCRIPTION = "An Excel workbook of one sheet, header row first; text cells "
            + "neutralised as in CSV";

    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.valueOf(TEXT_CSV), MediaType.valueOf(XLSX)).build();

    // the example is json: Swagger UI's "Try it out" fills it in, and an XLSX there is a download, not an answer to read
    @QueryParam("format")
    @Parameter(description = "json, csv or xlsx; overrides the Accept header (application/json, text/csv, "
            + XLSX + ")", example = "json",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "csv", "xlsx"}))
    public String format;

    @QueryParam("separator")
    @Parameter(description = "The CSV separator: comma or semicolon. By default a semicolon when the first language of "
            + "Accept-Language writes decimals with a comma (fr, de, es, it, ...; then numbers have a decimal comma "
            + "too), as Excel there expects; else a comma", example = "semicolon",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"comma", "semicolon"}))
    public String separator;

    @HeaderParam("Accept-Language")
    @Parameter(hidden = true)
    public String acceptLanguage;

    @Context
    public Request request;

    /** The JSON entity as it is, or the table (built only then) as a file named after it. */
    public Response respond(Object json, Supplier<Table> table) {
        Character chosenSeparator = separatorParameter();
        String kind = kind();
        if (kind.equals("json")) {
            return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
        }
        Table sheet = table.get();
        String file = sheet.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        if (kind.equals("csv")) {
            char sep = chosenSeparator != null ? chosenSeparator : separatorOf(acceptLanguage);
            return Response.ok(CsvSheet.write(sheet, sep), TEXT_CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"").build();
        }
        return Response.ok(XlsxSheet.write(sheet), XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + file + ".xlsx\"").build();
    }

    /** Whether the answer is a table (CSV or XLSX) rather than the JSON entity. */
    public boolean table() {
        return !kind().equals("json");
    }

    private String kind() {
        if (format != null && !format.isBlank()) {
            String asked = format.strip().toLowerCase(Locale.ROOT);
            if (!List.of("json", "csv", "xlsx").contains(asked)) {
                throw ProblemException.invalid("query", "format", "'" + format + "' is not one of json, csv, xlsx");
            }
            return asked;
        }
        Variant chosen = request == null ? null : request.selectVariant(VARIANTS);
        if (chosen == null || chosen.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return "json";
        }
        return chosen.getMediaType().isCompatible(MediaType.valueOf(TEXT_CSV)) ? "csv" : "xlsx";
    }

    private Character separatorParameter() {
        if (separator == null || separator.isBlank()) {
            return null;
        }
        return switch (separator.strip().toLowerCase(Locale.ROOT)) {
            case "comma" -> ',';
            case "semicolon" -> ';';
            default -> throw ProblemException.invalid("query", "separator",
                    "'" + separator + "' is not one of comma, semicolon");
        };
    }

    /** A semicolon where the reader's first language writes decimals with a comma; a comma otherwise. */
    static char separatorOf(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ',';
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                if (!range.getRange().contains("*")) {
                    Locale locale = Locale.forLanguageTag(range.getRange());
                    return DecimalFormatSymbols.getInstance(locale).getDecimalSeparator() == ',' ? ';' : ',';
                }
            }
        } catch (IllegalArgumentException e) {
            // a header that is not a language list says nothing about the reader
        }
        return ',';
    }
}
