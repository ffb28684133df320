package eu.callmatch.common.spreadsheet;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What one of the API's lists becomes in a spreadsheet: a sheet name, a title for each column and the rows. Cells are
 * what the DTOs hold (text, numbers, dates, instants, enums, lists, null); {@link Cells} says how each is written.
 */
public record Table(String name, List<String> header, List<List<Object>> rows) {

    /** A column: its title, and how a row's item gives the cell. */
    public record Column<T>(String title, Function<? super T, ?> value) {
    }

    public static <T> Column<T> column(String title, Function<? super T, ?> value) {
        return new Column<>(title, value);
    }

    @SafeVarargs
    public static <T> Table of(String name, List<T> items, Column<T>... columns) {
        List<Column<T>> cols = Arrays.asList(columns);
        return new Table(name, cols.stream().map(Column::title).toList(),
                items.stream().map(item -> cols.stream().map(c -> (Object) c.value().apply(item)).toList()).toList());
    }
}
