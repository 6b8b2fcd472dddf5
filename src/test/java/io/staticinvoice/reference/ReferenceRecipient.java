package io.staticinvoice.reference;

import io.staticinvoice.check.Wallet;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The check's {@link Wallet} as end-to-end tests use it: on the test profile's network, waiting
 * a fixed time for answers, and able to build offers with an {@code offer_absolute_expiry}.
 */
public final class ReferenceRecipient extends Wallet {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    public ReferenceRecipient(PrivateKey key) {
        super(key, "bitcoin");
    }

    /** Sends {@code OfferPathsRequest {slot}} over a server path and waits for {@code OfferPaths}. */
    public OfferPathsAnswer requestOfferPaths(BlindedMessagePath serverPath, int slot) throws Exception {
        return requestOfferPaths(serverPath, slot, TIMEOUT);
    }

    /** As {@link #offer(io.staticinvoice.lightning.asyncpay.OfferPaths)}, with an {@code offer_absolute_expiry}. */
    public Offer offer(List<BlindedMessagePath> paths, Instant absoluteExpiry) {
        return offerBuilder(paths).absoluteExpiry(absoluteExpiry).build();
    }
}
