package io.staticinvoice.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/**
 * One page of a list endpoint's results.
 *
 * @param items      the page's items, in the requested order
 * @param page       zero-based page number
 * @param size       requested page size
 * @param totalItems items matching the filters on all pages
 * @param totalPages pages at this size
 */
@Schema(description = "One page of results")
record PageResponse<T>(List<T> items,
                       @Schema(example = "0") int page,
                       @Schema(example = "50") int size,
                       @Schema(example = "1") long totalItems,
                       @Schema(example = "1") int totalPages) {

    static <E, T> PageResponse<T> of(Page<E> page, Function<? super E, ? extends T> mapper) {
        return new PageResponse<>(page.getContent().stream().<T>map(mapper).toList(), page.getNumber(),
                page.getSize(), page.getTotalElements(), page.getTotalPages());
    }
}
