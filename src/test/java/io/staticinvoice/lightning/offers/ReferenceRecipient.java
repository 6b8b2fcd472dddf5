package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedPathGenerator;
import java.time.Instant;
import java.util.List;

/**
 * A minimal async-payments recipient for tests: an issuer key, an offer with blinded paths and
 * no amount (as LDK's async receive offers), and signed static invoices for it.
 */
public final class ReferenceRecipient {

    private final PrivateKey issuerKey;
    private final BlindedPathGenerator paths;
    private final Offer offer;

    public ReferenceRecipient(long seed) {
        this.issuerKey = PrivateKey.random();
        this.paths = new BlindedPathGenerator(seed);
        this.offer = Offer.builder()
                .path(paths.messagePath())
                .issuerSigningKey(issuerKey.publicKey())
                .absoluteExpiry(Instant.parse("2030-01-01T00:00:00Z"))
                .build();
    }

    public PrivateKey issuerKey() {
        return issuerKey;
    }

    public Offer offer() {
        return offer;
    }

    /** A builder for a static invoice with two payment paths and one message path. */
    public StaticInvoice.Builder invoiceBuilder(Instant createdAt) {
        return StaticInvoice.builder(offer, List.of(paths.paymentPath(), paths.paymentPath()),
                List.of(paths.messagePath()), createdAt);
    }

    /** A signed static invoice created at {@code createdAt} with the default expiry. */
    public StaticInvoice invoice(Instant createdAt) {
        return invoiceBuilder(createdAt).sign(issuerKey);
    }
}
