package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.testing.TestResources;
import io.staticinvoice.lightning.wire.ChainHash;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The offer fields shared by offers, invoice requests and invoices. */
class OfferContentsTest {

    private final ReferenceRecipient recipient = new ReferenceRecipient(60);

    @Test
    void keepsTheExactOfferRecordsAndComparesByThem() throws DecodeException {
        Offer ldk = Offer.parse(TestResources.ldkHex("raw/recipient-offer-bytes.hex"));
        StaticInvoice invoice = StaticInvoice.parse(TestResources.ldkHex("static-invoice-persisted-by-server.hex"));
        assertThat(invoice.offer()).isEqualTo(ldk.contents()).hasSameHashCodeAs(ldk.contents());
        assertThat(ldk.contents().records()).hasSize(3);
        assertThat(ldk.contents()).isNotEqualTo(recipient.offer().contents());
    }

    @Test
    void impliesBitcoinWithoutChains() {
        assertThat(recipient.offer().contents().chains()).isEmpty();
        assertThat(recipient.offer().contents().supportedChains()).containsExactly(ChainHash.BITCOIN);
    }

    @Test
    void expiresStrictlyAfterTheAbsoluteExpiry() {
        OfferContents contents = recipient.offer().contents();
        Instant expiry = contents.absoluteExpiry().orElseThrow();
        assertThat(contents.isExpired(expiry)).isFalse();
        assertThat(contents.isExpired(expiry.plusNanos(1))).isTrue();
    }

    @Test
    void clampsTimestampsBeyondInstantToItsMaximum() {
        assertThat(OfferContents.instantOfUnsignedSeconds(0)).isEqualTo(Instant.EPOCH);
        assertThat(OfferContents.instantOfUnsignedSeconds(Instant.MAX.getEpochSecond())).isEqualTo(
                Instant.ofEpochSecond(Instant.MAX.getEpochSecond()));
        assertThat(OfferContents.instantOfUnsignedSeconds(Instant.MAX.getEpochSecond() + 1)).isEqualTo(Instant.MAX);
        assertThat(OfferContents.instantOfUnsignedSeconds(-1L)).isEqualTo(Instant.MAX);
    }

    @Test
    void returnsCopiesOfMetadata() {
        Offer offer = Offer.builder().issuerSigningKey(recipient.issuerKey().publicKey()).metadata(new byte[] {1}).build();
        offer.contents().metadata().orElseThrow()[0] = 9;
        assertThat(offer.contents().metadata().orElseThrow()).containsExactly(1);
    }
}
