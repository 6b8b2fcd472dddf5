package io.staticinvoice.server;

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
 * their serialization, so a ServeStaticInvoice is accepted only for an offer built on them.
 */
@Service
public class OfferPathRegistry {

    private final OfferPathRepository paths;

    public OfferPathRegistry(OfferPathRepository paths) {
        this.paths = paths;
    }

    @Transactional
    public void record(Recipient recipient, int slot, List<BlindedMessagePath> issued, Instant now, Instant expiresAt) {
        for (BlindedMessagePath path : issued) {
            paths.save(new OfferPath(recipient, slot, hash(path), now, expiresAt));
        }
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
