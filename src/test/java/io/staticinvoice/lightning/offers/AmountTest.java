package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Offer amounts: millisatoshis within the bitcoin supply, or a positive ISO 4217 amount. */
class AmountTest {

    @Test
    void bitcoinAmountsArePositiveAndWithinTheSupply() {
        assertThat(Amount.MAX_VALUE_MSAT).isEqualTo(2_100_000_000_000_000_000L);
        assertThat(new Amount.Bitcoin(Amount.MAX_VALUE_MSAT).msats()).isEqualTo(Amount.MAX_VALUE_MSAT);
        assertThatThrownBy(() -> new Amount.Bitcoin(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Amount.Bitcoin(Amount.MAX_VALUE_MSAT + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currencyCodesAreThreeUppercaseLetters() {
        assertThat(Amount.Currency.isValidCode("USD")).isTrue();
        assertThat(Amount.Currency.isValidCode("usd")).isFalse();
        assertThat(Amount.Currency.isValidCode("US")).isFalse();
        assertThat(Amount.Currency.isValidCode("ÜSD")).isFalse();
        assertThatThrownBy(() -> new Amount.Currency("EU1", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Amount.Currency("EUR", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Amount.Currency("EUR", -1L).amount()).isEqualTo(-1L);
    }
}
