package io.staticinvoice.lightning.offers;

import java.util.Objects;

/**
 * The amount an offer asks for ({@code offer_amount} with optional {@code offer_currency}, BOLT 12
 * "Offers"; rust-lightning's {@code Amount} in {@code lightning/src/offers/offer.rs}): either
 * millisatoshis, or an amount in the minor unit of an ISO 4217 currency.
 */
public sealed interface Amount permits Amount.Bitcoin, Amount.Currency {

    /** The total bitcoin supply in millisatoshis; no amount may exceed it ({@code MAX_VALUE_MSAT}). */
    long MAX_VALUE_MSAT = 21_000_000L * 100_000_000L * 1_000L;

    /** An amount in millisatoshis, 1..{@link #MAX_VALUE_MSAT}. */
    record Bitcoin(long msats) implements Amount {

        public Bitcoin {
            if (msats <= 0 || msats > MAX_VALUE_MSAT) {
                throw new IllegalArgumentException("amount must be 1.." + MAX_VALUE_MSAT + " msat: " + msats);
            }
        }
    }

    /**
     * An amount in the minor unit of a currency (e.g. USD cents), positive and read as an unsigned
     * 64-bit value; the code is three uppercase ASCII letters as LDK requires.
     */
    record Currency(String iso4217Code, long amount) implements Amount {

        public Currency {
            Objects.requireNonNull(iso4217Code, "iso4217Code");
            if (!isValidCode(iso4217Code)) {
                throw new IllegalArgumentException("currency code must be 3 uppercase ASCII letters: " + iso4217Code);
            }
            if (amount == 0) {
                throw new IllegalArgumentException("currency amount must be positive");
            }
        }

        /** Whether {@code code} is three ASCII letters A-Z. */
        public static boolean isValidCode(String code) {
            return code.length() == 3 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z');
        }
    }
}
