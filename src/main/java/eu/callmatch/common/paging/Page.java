package eu.callmatch.common.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list: every list the API answers has this shape. */
public record Page<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "The page number, from 0", example = "0") int page,
        @Schema(description = "The page size asked for", example = "20") int size,
        @Schema(description = "How many items there are in all pages", example = "137") long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
