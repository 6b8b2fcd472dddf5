package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.config.ProtocolPropertiesFixture;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.LdkFixtures;
import io.staticinvoice.store.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How long a wallet's offer is on our offer paths: a real LDK recipient's offer
 * ({@code fixtures/ldk-<version>/offer.txt}, built through LDK's own static invoice server) with its
 * server's paths replaced by ours, as an LDK recipient builds its offer from whatever OfferPaths it
 * is given.
 */
class OfferSizeTest {

    private static final long OFFER_PATHS_FIELD = 16;

    private final ServerKeys keys = new ServerKeys(NodeIdentity.of(PrivateKey.random()));
    /** A recipient deep into a large deployment: its key takes BigSize's 5-byte form. */
    private final Recipient recipient = PathContextCodecTest.stored(4_000_000_000L, new byte[32]);

    /** LDK 0.3's server named itself by a channel in it, 24 bytes less than by node id; our context makes up for it. */
    @Test
    void ourDefaultOfferIsNoLongerThanLdk03sServersOffer() {
        Offer ldk = ldkRecipientsOffer("ldk-0.3.0-beta1");
        Offer ours = onPaths(ldk, issuer(Map.of()).offerPaths(recipient, 0, Instant.now().plusSeconds(86_400 * 365)));

        assertThat(ours.encode().length()).isLessThanOrEqualTo(ldk.encode().length());
    }

    @Test
    void ldk025sPolicyMakesOffersAsLongAsLdk025sServerDid() {
        Offer ldk = ldkRecipientsOffer("ldk-0.2.5");
        Offer padded = onPaths(ldk, issuer(Map.of("sis.paths.offer-path-length", "4",
                "sis.paths.offer-path-compact-padding", "false")).offerPaths(recipient, 0, Instant.now()));

        assertThat(padded.encode()).hasSameSizeAs(ldk.encode());
    }

    private PathIssuer issuer(Map<String, String> properties) {
        return new PathIssuer(keys, ProtocolPropertiesFixture.with(properties));
    }

    /** {@code offer} with its {@code offer_paths} replaced. */
    static Offer onPaths(Offer offer, List<BlindedMessagePath> paths) {
        ByteWriter value = new ByteWriter();
        paths.forEach(path -> path.write(value));
        TlvStream.Builder stream = TlvStream.builder();
        for (TlvRecord record : offer.contents().records()) {
            stream.add(record.type() == OFFER_PATHS_FIELD ? new TlvRecord(OFFER_PATHS_FIELD, value.toByteArray()) : record);
        }
        try {
            return Offer.parse(stream.build().encode());
        } catch (Exception e) {
            throw new AssertionError("our paths made the offer invalid", e);
        }
    }

    private static Offer ldkRecipientsOffer(String version) {
        try {
            return Offer.decode(LdkFixtures.text("fixtures/" + version + "/offer.txt").strip());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
