package io.staticinvoice.reference;

import io.staticinvoice.check.Wallet;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The check's {@link Wallet} as end-to-end tests use it: on the test profile's network, waiting
 * a fixed time for answers, and able to build offers with an {@code offer_absolute_expiry}. It
 * takes in all the mail its server sends at once (no inbound onion message rate limit): the
 * server's mailbox paces delivery, and a test counts every message.
 */
public final class ReferenceRecipient extends Wallet {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Map<String, String> UNLIMITED_INBOUND = Map.of(
            "sis.lightning.onion-message-rate.per-second", "1000000",
            "sis.lightning.onion-message-rate.burst", "1000000");

    public ReferenceRecipient(PrivateKey key) {
        super(key, "bitcoin", UNLIMITED_INBOUND);
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
