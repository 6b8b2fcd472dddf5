package io.staticinvoice.store;

import java.time.Instant;

/** The decoded fields of a static invoice kept beside its bytes for listing and filtering. */
public record InvoiceSummary(byte[] offerId, byte[] signingPubkey, Long amountMsat, String currency,
                             String description, int paymentPathCount, Instant createdAt, Instant expiresAt) {

    public InvoiceSummary {
        offerId = offerId.clone();
        signingPubkey = signingPubkey.clone();
    }

    @Override
    public byte[] offerId() {
        return offerId.clone();
    }

    @Override
    public byte[] signingPubkey() {
        return signingPubkey.clone();
    }
}
