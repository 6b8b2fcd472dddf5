package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Amount;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.offers.Quantity;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.onion.BlindedHop;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPath;
import io.staticinvoice.lightning.onion.BlindedPayInfo;
import io.staticinvoice.lightning.onion.BlindedPaymentPath;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.lightning.wire.Features;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecodedInvoiceResponseTest {

    private static final Instant CREATED = Instant.parse("2026-01-31T12:00:00Z");

    @Test
    void decodesTheLdkInvoice() throws DecodeException {
        DecodedInvoiceResponse decoded = DecodedInvoiceResponse.decode(AdminTestData.LDK_STATIC_INVOICE);
        assertThat(decoded.signatureValid()).isTrue();
        assertThat(decoded.offer()).isEqualTo(AdminTestData.LDK_OFFER);
        assertThat(decoded.amount()).isNull();
        assertThat(decoded.quantityMax()).isNull();
        assertThat(decoded.invoiceFeatures()).isEqualTo(new DecodedInvoiceResponse.FeaturesResponse("020000",
                List.of(17)));
        assertThat(decoded.paymentPaths()).singleElement().satisfies(path -> {
            assertThat(path.introductionNode().nodeId())
                    .isEqualTo("02888f2e3df341d21240f769afd83938fdc1878356769aae64141880d810c61dce");
            assertThat(path.cltvExpiryDelta()).isEqualTo(42);
        });
    }

    @Test
    void decodesCurrencyAmountsQuantitiesChannelIntroductionsAndUnsignedLimits() throws DecodeException {
        PrivateKey issuer = PrivateKey.random();
        Offer offer = Offer.builder()
                .path(messagePath())
                .amount(new Amount.Currency("USD", 500))
                .description("coffee")
                .issuer("Alice's café")
                .quantity(new Quantity.Bounded(5))
                .features(Features.empty().withBit(9))
                .absoluteExpiry(CREATED.plus(Duration.ofDays(30)))
                .issuerSigningKey(issuer.publicKey())
                .build();
        long scid = (840_000L << 40) | (12L << 16) | 1;
        BlindedPaymentPath viaChannel = new BlindedPaymentPath(new BlindedPath(
                new IntroductionNode.DirectedShortChannelId(IntroductionNode.Direction.NODE_TWO, scid),
                PrivateKey.random().publicKey(), hops(2)),
                new BlindedPayInfo(1000, 100, 144, 1, -1L, new byte[0]));
        StaticInvoice invoice = StaticInvoice.builder(offer, List.of(viaChannel), List.of(messagePath()), CREATED)
                .relativeExpiry(Duration.ofDays(1))
                .sign(issuer);

        DecodedInvoiceResponse decoded = DecodedInvoiceResponse.decode(invoice.bytes());

        assertThat(decoded.signingPubkey()).isEqualTo(issuer.publicKey().hex());
        assertThat(decoded.signatureValid()).isTrue();
        assertThat(decoded.amount()).isEqualTo(new DecodedInvoiceResponse.AmountResponse(BigInteger.valueOf(500), "USD"));
        assertThat(decoded.description()).isEqualTo("coffee");
        assertThat(decoded.issuer()).isEqualTo("Alice's café");
        assertThat(decoded.quantityMax()).isEqualTo(BigInteger.valueOf(5));
        assertThat(decoded.offerFeatures().bits()).containsExactly(9);
        assertThat(decoded.createdAt()).isEqualTo(CREATED);
        assertThat(decoded.relativeExpirySeconds()).isEqualTo(86_400);
        assertThat(decoded.expiresAt()).isEqualTo(CREATED.plus(Duration.ofDays(1)));
        assertThat(decoded.offerExpiresAt()).isEqualTo(CREATED.plus(Duration.ofDays(30)));
        assertThat(decoded.offer()).isEqualTo(offer.encode());
        assertThat(decoded.paymentPaths()).singleElement().satisfies(path -> {
            assertThat(path.introductionNode()).isEqualTo(
                    new DecodedInvoiceResponse.IntroductionNodeResponse(null, "840000x12x1", "NODE_TWO"));
            assertThat(path.hops()).isEqualTo(2);
            assertThat(path.feeBaseMsat()).isEqualTo(1000);
            assertThat(path.feeProportionalMillionths()).isEqualTo(100);
            assertThat(path.htlcMinimumMsat()).isEqualTo(BigInteger.ONE);
            assertThat(path.htlcMaximumMsat()).isEqualTo(new BigInteger("18446744073709551615"));
        });
    }

    @Test
    void bitcoinAmountsAndUnboundedQuantities() throws DecodeException {
        PrivateKey issuer = PrivateKey.random();
        Offer offer = Offer.builder().path(messagePath()).amount(new Amount.Bitcoin(50_000)).description("tea")
                .quantity(new Quantity.Unbounded()).issuerSigningKey(issuer.publicKey()).build();
        StaticInvoice invoice = StaticInvoice.builder(offer, List.of(new BlindedPaymentPath(new BlindedPath(
                        new IntroductionNode.NodeId(PrivateKey.random().publicKey()), PrivateKey.random().publicKey(),
                        hops(1)), new BlindedPayInfo(0, 0, 42, 1, 1_000_000, new byte[0]))),
                List.of(messagePath()), CREATED).sign(issuer);

        DecodedInvoiceResponse decoded = DecodedInvoiceResponse.decode(invoice.bytes());

        assertThat(decoded.amount()).isEqualTo(new DecodedInvoiceResponse.AmountResponse(BigInteger.valueOf(50_000),
                "msat"));
        assertThat(decoded.quantityMax()).isEqualTo(BigInteger.ZERO);
        assertThat(decoded.relativeExpirySeconds()).isEqualTo(StaticInvoice.DEFAULT_RELATIVE_EXPIRY.toSeconds());
        assertThat(decoded.offerExpiresAt()).isNull();
    }

    @Test
    void reportsABadSignatureAndRejectsBytesThatAreNoInvoice() throws DecodeException {
        byte[] tampered = AdminTestData.LDK_STATIC_INVOICE.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(DecodedInvoiceResponse.decode(tampered).signatureValid()).isFalse();
        assertThatThrownBy(() -> DecodedInvoiceResponse.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(DecodeException.class);
    }

    private static BlindedMessagePath messagePath() {
        return BlindedMessagePath.of(new IntroductionNode.NodeId(PrivateKey.random().publicKey()),
                PrivateKey.random().publicKey(), hops(1));
    }

    private static List<BlindedHop> hops(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new BlindedHop(PrivateKey.random().publicKey(), new byte[] {(byte) i, 1, 2}))
                .toList();
    }
}
