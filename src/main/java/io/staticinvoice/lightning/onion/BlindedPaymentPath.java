package io.staticinvoice.lightning.onion;

import java.util.Objects;

/**
 * A blinded path for payments together with its aggregated relay parameters (BOLT 4 "Route
 * Blinding"; BOLT 12 {@code invoice_paths} + {@code invoice_blindedpay}): rust-lightning's
 * {@code BlindedPaymentPath} ({@code lightning/src/blinded_path/payment.rs}). In an invoice the two
 * halves travel in separate TLV records, paths in one and payinfos in the other, index by index.
 */
public record BlindedPaymentPath(BlindedPath path, BlindedPayInfo payInfo) {

    public BlindedPaymentPath {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(payInfo, "payInfo");
    }
}
