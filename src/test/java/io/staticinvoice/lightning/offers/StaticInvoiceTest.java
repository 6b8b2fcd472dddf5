package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.Curves;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedHop;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathGenerator;
import io.staticinvoice.lightning.onion.BlindedPayInfo;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.lightning.testing.TestResources;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Features;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LDK 0.2.5's static invoice: real captured bytes, our builder, and every parsing rule. */
class StaticInvoiceTest {

    private static final Pattern SUMMARY = Pattern.compile("STATIC_INVOICE_INFO signing_pubkey=(\\w+) "
            + "created_at=(\\d+)s relative_expiry=(\\d+)s payment_paths=(\\d+) message_paths=(\\d+)");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final ReferenceRecipient recipient = new ReferenceRecipient(30);

    @Test
    void parsesTheInvoiceLdkPersistedAsSummaryReports() throws DecodeException {
        byte[] bytes = TestResources.ldkHex("static-invoice-persisted-by-server.hex");
        StaticInvoice invoice = StaticInvoice.parse(bytes);
        Matcher summary = SUMMARY.matcher(TestResources.text("/fixtures/ldk-0.2.5/summary.txt"));
        assertThat(summary.find()).isTrue();

        assertThat(invoice.verifySignature()).isTrue();
        assertThat(invoice.bytes()).isEqualTo(bytes);
        assertThat(invoice.size()).isEqualTo(1509);
        assertThat(invoice.signingPubkey().hex()).isEqualTo(summary.group(1));
        assertThat(invoice.createdAt()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(summary.group(2))));
        assertThat(invoice.relativeExpiry()).isEqualTo(Duration.ofSeconds(Long.parseLong(summary.group(3))));
        assertThat(invoice.paymentPaths()).hasSize(Integer.parseInt(summary.group(4)));
        assertThat(invoice.messagePaths()).hasSize(Integer.parseInt(summary.group(5)));
        assertThat(invoice.offer().issuerSigningKey()).contains(invoice.signingPubkey());
        assertThat(invoice.features()).isEqualTo(Features.empty().withBit(17));
        assertThat(invoice.fallbacks()).isEmpty();
        BlindedPayInfo payInfo = invoice.paymentPaths().get(0).payInfo();
        assertThat(payInfo.cltvExpiryDelta()).isEqualTo(42);
        assertThat(payInfo.htlcMaximumMsat()).isEqualTo(Amount.MAX_VALUE_MSAT);
        assertThat(invoice.offer().paths().get(0).introductionNode()).isEqualTo(
                new IntroductionNode.NodeId(PublicKey.parse(TestResources.ldkHex("raw/server-node-id.hex"))));
    }

    @Test
    void ldkSignatureVerifiesUnderBothCurveImplementations() throws DecodeException {
        StaticInvoice invoice = StaticInvoice.parse(TestResources.ldkHex("static-invoice-persisted-by-server.hex"));
        assertThat(invoice.verifySignature(Curves.bouncyCastle())).isTrue();
        assertThat(invoice.verifySignature(Curves.nativeCurve())).isTrue();
        byte[] tampered = invoice.bytes();
        tampered[3] ^= 1; // inside offer_absolute_expiry
        StaticInvoice unverified = StaticInvoice.parseUnverified(tampered);
        assertThat(unverified.verifySignature(Curves.bouncyCastle())).isFalse();
        assertThat(unverified.verifySignature(Curves.nativeCurve())).isFalse();
    }

    @Test
    void sharesOfferBytesAndIdWithLdkOffer() throws DecodeException {
        StaticInvoice invoice = StaticInvoice.parse(TestResources.ldkHex("static-invoice-persisted-by-server.hex"));
        Offer offer = Offer.decode(TestResources.text("/fixtures/ldk-0.2.5/offer.txt").strip());
        assertThat(invoice.offerBytes()).isEqualTo(offer.bytes());
        assertThat(invoice.offerId()).isEqualTo(offer.id());
        assertThat(invoice.offer()).isEqualTo(offer.contents());
        assertThat(invoice.isOfferExpired(Instant.ofEpochSecond(0x6ce6182dL))).isFalse();
        assertThat(invoice.isOfferExpired(Instant.ofEpochSecond(0x6ce6182dL + 1))).isTrue();
    }

    @Test
    void answersTheLdkPayersInvoiceRequest() throws DecodeException {
        StaticInvoice invoice = StaticInvoice.parse(TestResources.ldkHex("static-invoice-persisted-by-server.hex"));
        InvoiceRequest request = InvoiceRequest.parse(TestResources.ldkHex("raw/server-0009-in-invoice_request-tlv64.hex"));
        assertThat(invoice.isFor(request)).isTrue();
        assertThat(recipient.invoice(CREATED).isFor(request)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw/server-0011-out-static_invoice-tlv70.hex", "raw/payer-0003-in-static_invoice-tlv70.hex"})
    void reencodesStaticInvoiceOnionMessagePayloads(String payload) throws DecodeException {
        byte[] bytes = TestResources.ldkHex(payload);
        assertThat(StaticInvoice.parse(bytes).bytes()).isEqualTo(bytes);
    }

    @Test
    void reencodesTheInvoiceInsideServeStaticInvoice() throws DecodeException {
        // LDK's ServeStaticInvoice: a BigSize length, then TLV 0 = invoice, TLV 2 = forward path.
        ByteReader reader = new ByteReader(TestResources.ldkHex("raw/server-0005-in-serve_static_invoice-tlv75544.hex"));
        long length = reader.bigSize();
        assertThat(length).isEqualTo(reader.remaining());
        byte[] embedded = TlvStream.decode(reader.rest(), type -> true).find(0).orElseThrow().value();
        StaticInvoice invoice = StaticInvoice.parse(embedded);
        assertThat(invoice.bytes()).isEqualTo(embedded);
        assertThat(embedded).isEqualTo(TestResources.ldkHex("static-invoice-persisted-by-server.hex"));
    }

    @Test
    void expiresAfterCreatedAtPlusRelativeExpiryDefaultingToTwoWeeks() throws DecodeException {
        StaticInvoice invoice = recipient.invoice(CREATED);
        assertThat(invoice.relativeExpiry()).isEqualTo(StaticInvoice.DEFAULT_RELATIVE_EXPIRY).isEqualTo(Duration.ofDays(14));
        assertThat(TlvStream.decode(invoice.bytes(), type -> true).find(StaticInvoice.RELATIVE_EXPIRY)).isEmpty();
        assertThat(invoice.expiresAt()).isEqualTo(CREATED.plus(Duration.ofDays(14)));
        assertThat(invoice.isExpired(CREATED.plus(Duration.ofDays(14)))).isFalse();
        assertThat(invoice.isExpired(CREATED.plus(Duration.ofDays(14)).plusMillis(1))).isTrue();

        StaticInvoice hourly = recipient.invoiceBuilder(CREATED).relativeExpiry(Duration.ofHours(1)).sign(recipient.issuerKey());
        assertThat(hourly.relativeExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(hourly.isExpired(CREATED.plusSeconds(3601))).isTrue();
    }

    @Test
    void saturatesExpiryOfFarFutureTimestamps() throws DecodeException {
        StaticInvoice invoice = resign(recipient.invoice(CREATED), records -> replace(records,
                new TlvRecord(StaticInvoice.CREATED_AT, HexFormat.of().parseHex("ffffffffffffffff"))));
        assertThat(invoice.createdAt()).isEqualTo(Instant.MAX);
        assertThat(invoice.expiresAt()).isEqualTo(Instant.MAX);
        assertThat(invoice.isExpired(Instant.now())).isFalse();
    }

    @Test
    void builtInvoiceParsesBackAndVerifies() throws DecodeException {
        StaticInvoice invoice = recipient.invoiceBuilder(CREATED).features(Features.empty().withBit(17))
                .sign(recipient.issuerKey());
        StaticInvoice parsed = StaticInvoice.parse(invoice.bytes());
        assertThat(parsed).isEqualTo(invoice);
        assertThat(parsed.verifySignature()).isTrue();
        assertThat(parsed.signingPubkey()).isEqualTo(recipient.issuerKey().publicKey());
        assertThat(parsed.offerBytes()).isEqualTo(recipient.offer().bytes());
        assertThat(parsed.offerId()).isEqualTo(recipient.offer().id());
        assertThat(parsed.paymentPaths()).hasSize(2);
        assertThat(parsed.features().isSet(17)).isTrue();
        assertThat(parsed.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void everySingleBitFlipFailsParsingOrVerification() {
        byte[] bytes = recipient.invoice(CREATED).bytes();
        for (int position = 0; position < bytes.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[position] ^= (byte) (1 << bit);
                int at = position;
                assertThatThrownBy(() -> StaticInvoice.parse(flipped))
                        .as("bit %d of byte %d", bit, at)
                        .isInstanceOf(DecodeException.class);
            }
        }
    }

    @Test
    void arbitrarySignatureBytesFailVerificationWithoutThrowing() throws DecodeException {
        byte[] bytes = recipient.invoice(CREATED).bytes();
        int signatureStart = bytes.length - SchnorrSignature.LENGTH;
        Random random = new Random(34);
        for (int i = 0; i < 300; i++) {
            byte[] forged = bytes.clone();
            byte fill = (byte) (i == 0 ? 0xff : i == 1 ? 0x00 : 0);
            for (int j = signatureStart; j < forged.length; j++) {
                forged[j] = i < 2 ? fill : (byte) random.nextInt(256);
            }
            StaticInvoice invoice = StaticInvoice.parseUnverified(forged);
            assertThat(invoice.verifySignature(Curves.bouncyCastle())).isFalse();
            assertThat(invoice.verifySignature(Curves.nativeCurve())).isFalse();
        }
    }

    @Test
    void parseUnverifiedDefersTheSignatureCheck() throws DecodeException {
        byte[] bytes = recipient.invoice(CREATED).bytes();
        bytes[bytes.length - 1] ^= 1;
        StaticInvoice unverified = StaticInvoice.parseUnverified(bytes);
        assertThat(unverified.verifySignature()).isFalse();
        assertThatThrownBy(() -> StaticInvoice.parse(bytes)).hasMessageContaining("signature does not verify");
    }

    @Test
    void keepsUnknownOddRecordsUnderTheSignature() throws DecodeException {
        StaticInvoice invoice = resign(recipient.invoice(CREATED), records -> add(records,
                new TlvRecord(161, new byte[] {7}), new TlvRecord(3_000_000_001L, new byte[] {8}),
                new TlvRecord(1_000_000_001L, new byte[] {9})));
        assertThat(StaticInvoice.parse(invoice.bytes()).bytes()).isEqualTo(invoice.bytes());
        assertThat(invoice.offer().records()).contains(new TlvRecord(1_000_000_001L, new byte[] {9}));
    }

    @Test
    void enforcesLdkRules() {
        StaticInvoice valid = recipient.invoice(CREATED);
        BlindedPathGenerator generator = new BlindedPathGenerator(31);
        assertRejected(valid, records -> remove(records, StaticInvoice.CREATED_AT), "no invoice_created_at");
        assertRejected(valid, records -> remove(records, StaticInvoice.PAYMENT_PATHS), "no invoice_paths");
        assertRejected(valid, records -> remove(records, StaticInvoice.BLINDED_PAY), "no invoice_blindedpay");
        assertRejected(valid, records -> remove(records, StaticInvoice.MESSAGE_PATHS), "no message_paths");
        assertRejected(valid, records -> remove(records, StaticInvoice.NODE_ID), "no invoice_node_id");
        assertRejected(valid, records -> remove(records, OfferContents.PATHS), "offer has no offer_paths");
        assertRejected(valid, records -> add(records, new TlvRecord(StaticInvoice.PAYMENT_HASH, new byte[32])),
                "has invoice_payment_hash");
        assertRejected(valid, records -> add(records, new TlvRecord(StaticInvoice.AMOUNT, new byte[] {1})),
                "has invoice_amount");
        assertRejected(valid, records -> replace(records, new TlvRecord(StaticInvoice.PAYMENT_PATHS, new byte[0])),
                "no payment path");
        assertRejected(valid, records -> replace(records, new TlvRecord(StaticInvoice.MESSAGE_PATHS, new byte[0])),
                "message_paths: no blinded path");
        ByteWriter onePayInfo = new ByteWriter();
        new BlindedPayInfo(1, 2, 3, 4, 5, new byte[0]).write(onePayInfo);
        assertRejected(valid, records -> replace(records,
                new TlvRecord(StaticInvoice.BLINDED_PAY, onePayInfo.toByteArray())),
                "2 invoice_paths but 1 invoice_blindedpay entries");
        assertRejected(valid, records -> replace(records,
                        new TlvRecord(StaticInvoice.NODE_ID, generator.publicKey().bytes())),
                "invoice_node_id differs from offer_issuer_id");
        assertRejected(valid, records -> replace(records, new TlvRecord(OfferContents.CHAINS,
                concat(ChainHash.BITCOIN.bytes(), ChainHash.TESTNET.bytes()))), "more than one chain");
        assertRejected(valid, records -> add(records, new TlvRecord(StaticInvoice.FEATURES, HexFormat.of().parseHex("0100000000"))),
                "invoice_features: unknown required feature bits [32]");
        assertRejected(valid, records -> add(records, new TlvRecord(89, new byte[] {1})),
                "TLV type 89 outside its allowed ranges");
        assertRejected(valid, records -> add(records, new TlvRecord(2_000_000_001L, new byte[] {1})),
                "TLV type 2000000001 outside its allowed ranges");
        assertRejected(valid, records -> add(records, new TlvRecord(178, new byte[] {1})), "unknown even TLV type 178");
        assertRejected(valid, records -> add(records, new TlvRecord(StaticInvoice.RELATIVE_EXPIRY, new byte[5])),
                "invoice_relative_expiry");
        assertThatThrownBy(() -> StaticInvoice.parse(withoutSignature(valid))).hasMessageContaining("no signature");
    }

    @Test
    void acceptsKnownRequiredFeaturesAndTheFinalHopAsSigningKeyWithoutIssuerId() throws DecodeException {
        StaticInvoice valid = recipient.invoice(CREATED);
        assertThat(resign(valid, records -> add(records,
                new TlvRecord(StaticInvoice.FEATURES, Features.empty().withBit(16).withBit(56).encode())))
                .features().isSet(56)).isTrue();

        PrivateKey finalHopKey = PrivateKey.random();
        BlindedPathGenerator generator = new BlindedPathGenerator(32);
        BlindedMessagePath path = generator.messagePath();
        List<BlindedHop> hops = new ArrayList<>(path.hops());
        hops.set(hops.size() - 1, new BlindedHop(finalHopKey.publicKey(), new byte[3]));
        Offer offer = Offer.builder().path(BlindedMessagePath.of(
                path.introductionNode(), path.pathKey(), hops)).build();
        StaticInvoice invoice = StaticInvoice.builder(offer, List.of(generator.paymentPath()),
                List.of(generator.messagePath()), CREATED).sign(finalHopKey);
        assertThat(invoice.offer().issuerSigningKey()).isEmpty();
        assertThatThrownBy(() -> StaticInvoice.builder(offer, List.of(generator.paymentPath()),
                List.of(generator.messagePath()), CREATED).sign(PrivateKey.random()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the final blinded node id of any offer path");
    }

    @Test
    void builderRefusesExpiredOffersAndMissingPaths() {
        assertThatThrownBy(() -> recipient.invoice(Instant.parse("2030-01-01T00:00:01Z")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> StaticInvoice.builder(recipient.offer(), List.of(), List.of(), CREATED)
                .sign(recipient.issuerKey()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no payment path");
    }

    @Test
    void onlyEverThrowsDecodeExceptionOnRandomOrMutatedBytes() {
        byte[] ldk = TestResources.ldkHex("static-invoice-persisted-by-server.hex");
        Random random = new Random(33);
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 4 == 0) {
                input = new byte[random.nextInt(400)];
                random.nextBytes(input);
            } else {
                input = ldk.clone();
                for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
                if (i % 4 == 3) {
                    input = Arrays.copyOf(input, random.nextInt(input.length));
                }
            }
            try {
                StaticInvoice.parseUnverified(input);
            } catch (DecodeException expected) {
                // the only failure allowed
            }
        }
    }

    private void assertRejected(StaticInvoice valid, UnaryOperator<List<TlvRecord>> change, String reason) {
        byte[] bytes = resignedBytes(valid, change);
        assertThatThrownBy(() -> StaticInvoice.parse(bytes)).as(reason)
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(reason);
    }

    /** Changes an invoice's records and signs the result again with the recipient's key. */
    private StaticInvoice resign(StaticInvoice invoice, UnaryOperator<List<TlvRecord>> change) throws DecodeException {
        return StaticInvoice.parse(resignedBytes(invoice, change));
    }

    private byte[] resignedBytes(StaticInvoice invoice, UnaryOperator<List<TlvRecord>> change) {
        try {
            List<TlvRecord> records = change.apply(remove(
                    TlvStream.decode(invoice.bytes(), type -> true).records(), StaticInvoice.SIGNATURE));
            byte[] digest = Merkle.signatureDigest(StaticInvoice.SIGNATURE_TAG, records);
            SchnorrSignature signature = SchnorrSignature.sign(digest, recipient.issuerKey());
            return TlvStream.builder().addAll(records).add(StaticInvoice.SIGNATURE, signature.bytes()).build().encode();
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] withoutSignature(StaticInvoice invoice) throws DecodeException {
        return new TlvStream(remove(TlvStream.decode(invoice.bytes(), type -> true).records(), StaticInvoice.SIGNATURE))
                .encode();
    }

    private static List<TlvRecord> remove(List<TlvRecord> records, long type) {
        return records.stream().filter(record -> record.type() != type).toList();
    }

    private static List<TlvRecord> replace(List<TlvRecord> records, TlvRecord replacement) {
        return add(remove(records, replacement.type()), replacement);
    }

    private static List<TlvRecord> add(List<TlvRecord> records, TlvRecord... more) {
        return TlvStream.builder().addAll(records).addAll(List.of(more)).build().records();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
