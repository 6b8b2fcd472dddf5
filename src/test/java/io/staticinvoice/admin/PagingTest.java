package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

class PagingTest {

    private static final Map<String, String> FIELDS = Map.of("timesServed", "servedCount", "id", "id");

    @Test
    void mapsTheApiFieldToItsAttributeAndBreaksTiesById() {
        Pageable pageable = Paging.of(2, 25, "timesServed,desc", FIELDS);
        assertThat(pageable.getPageNumber()).isEqualTo(2);
        assertThat(pageable.getPageSize()).isEqualTo(25);
        assertThat(pageable.getSort()).containsExactly(Sort.Order.desc("servedCount"), Sort.Order.desc("id"));
    }

    @Test
    void sortsAscendingByDefaultAndByIdOnlyOnce() {
        assertThat(Paging.of(0, 1, "id", FIELDS).getSort()).containsExactly(Sort.Order.asc("id"));
        assertThat(Paging.of(0, 1, "timesServed,asc", FIELDS).getSort())
                .containsExactly(Sort.Order.asc("servedCount"), Sort.Order.asc("id"));
    }

    @Test
    void rejectsFieldsTheEndpointDoesNotOffer() {
        assertThatThrownBy(() -> Paging.of(0, 1, "invoice,asc", FIELDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot sort by invoice");
    }
}
