package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.lightning.crypto.Sha256;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.store.OfferPath;
import io.staticinvoice.store.OfferPathRepository;
import io.staticinvoice.store.Recipient;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers which offer paths the server handed out for each (recipient, slot), by the SHA-256 of
 * their serialization, so a ServeStaticInvoice is accepted only for an offer built on them. A
 * recipient asking again and again cannot grow the table without bound: each slot keeps its
 * newest answers only.
 */
@Service
public class OfferPathRegistry {

    private final OfferPathRepository paths;
    private final int setsKeptPerSlot;

    public OfferPathRegistry(OfferPathRepository paths, ProtocolProperties properties) {
        this.paths = paths;
        this.setsKeptPerSlot = properties.offerPaths().setsKeptPerSlot();
    }

    /** Records one OfferPaths answer; only the newest {@code sets-kept-per-slot} answers of a slot are kept. */
    @Transactional
    public void record(Recipient recipient, int slot, List<BlindedMessagePath> issued, Instant now, Instant expiresAt) {
        for (BlindedMessagePath path : issued) {
            paths.save(new OfferPath(recipient, slot, hash(path), now, expiresAt));
        }
        paths.flush();
        paths.trimSlot(recipient.getId(), slot, setsKeptPerSlot * issued.size());
    }

    /** Whether every one of {@code offerPaths} was issued for (recipient, slot) and has not expired. */
    @Transactional(readOnly = true)
    public boolean allIssued(Recipient recipient, int slot, List<BlindedMessagePath> offerPaths, Instant now) {
        List<byte[]> hashes = offerPaths.stream().map(OfferPathRegistry::hash).toList();
        long distinct = hashes.stream().map(ByteBuffer::wrap).distinct().count();
        return !hashes.isEmpty() && paths.countIssued(recipient, slot, hashes, now) == distinct;
    }

    static byte[] hash(BlindedMessagePath path) {
        return Sha256.hash(StoredPaths.encode(path));
    }
}
