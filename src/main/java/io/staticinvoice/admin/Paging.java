package io.staticinvoice.admin;

import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Paging and sorting parameters of the list endpoints: {@code page}, {@code size} and
 * {@code sort=<field>[,asc|desc]}, where the field is one the endpoint names in its pattern.
 * Ties are broken by id so pages never overlap.
 */
final class Paging {

    static final String DEFAULT_SIZE = "50";
    static final int MAX_SIZE = 500;
    static final int MAX_PAGE = 1_000_000;

    private Paging() {
    }

    /**
     * @param sort       a value that matched the endpoint's sort pattern, e.g. {@code createdAt,desc}
     * @param attributes the endpoint's sort fields mapped to entity attributes
     */
    static Pageable of(int page, int size, String sort, Map<String, String> attributes) {
        String[] parts = sort.split(",", 2);
        String attribute = attributes.get(parts[0]);
        if (attribute == null) {
            throw new IllegalArgumentException("cannot sort by " + parts[0] + "; use one of " + attributes.keySet());
        }
        Sort.Direction direction = parts.length == 2 && parts[1].equals("desc") ? Sort.Direction.DESC
                : Sort.Direction.ASC;
        Sort order = Sort.by(direction, attribute);
        return PageRequest.of(page, size, attribute.equals("id") ? order : order.and(Sort.by(direction, "id")));
    }
}
