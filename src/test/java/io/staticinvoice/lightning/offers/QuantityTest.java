package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code offer_quantity_max} semantics (LDK {@code Quantity}). */
class QuantityTest {

    @Test
    void oneAllowsExactlyOneAndExpectsNoQuantity() {
        Quantity one = new Quantity.One();
        assertThat(one.expectsQuantity()).isFalse();
        assertThat(one.isValid(1)).isTrue();
        assertThat(one.isValid(2)).isFalse();
    }

    @Test
    void unboundedAllowsAnyPositiveQuantity() {
        Quantity unbounded = new Quantity.Unbounded();
        assertThat(unbounded.expectsQuantity()).isTrue();
        assertThat(unbounded.isValid(0)).isFalse();
        assertThat(unbounded.isValid(-1L)).isTrue();
    }

    @Test
    void boundedAllowsOneToMaxAsUnsignedValues() {
        Quantity bounded = new Quantity.Bounded(5);
        assertThat(bounded.expectsQuantity()).isTrue();
        assertThat(bounded.isValid(0)).isFalse();
        assertThat(bounded.isValid(5)).isTrue();
        assertThat(bounded.isValid(6)).isFalse();
        assertThat(bounded.isValid(-1L)).isFalse();
        assertThat(new Quantity.Bounded(-1L).isValid(Long.MIN_VALUE)).isTrue();
        assertThatThrownBy(() -> new Quantity.Bounded(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
