package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.testing.TestResources;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** LDK's {@code OfferId}: {@code H("LDK Offer ID", merkle root of the offer records)}. */
class OfferIdTest {

    @Test
    void isTheTaggedMerkleRootOfTheOfferRecords() throws DecodeException {
        Offer offer = Offer.parse(TestResources.ldkHex("raw/recipient-offer-bytes.hex"));
        assertThat(offer.id().bytes())
                .isEqualTo(Merkle.taggedHash("LDK Offer ID", Merkle.root(offer.contents().records())));
        assertThat(offer.id().toString()).isEqualTo(Hex.encode(offer.id().bytes())).hasSize(64);
    }

    @Test
    void isSharedByAnOfferAndItsInvoicesAndDiffersBetweenOffers() {
        ReferenceRecipient recipient = new ReferenceRecipient(50);
        StaticInvoice invoice = recipient.invoice(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(invoice.offerId()).isEqualTo(recipient.offer().id());
        assertThat(new ReferenceRecipient(51).offer().id()).isNotEqualTo(recipient.offer().id());
    }
}
