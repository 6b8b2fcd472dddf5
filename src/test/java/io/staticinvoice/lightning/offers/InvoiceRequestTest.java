package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedPathGenerator;
import io.staticinvoice.lightning.testing.TestResources;
import io.staticinvoice.lightning.wire.ChainHash;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invoice requests: LDK's payer's real request, the BOLT 12 vector, the builder, every rule. */
class InvoiceRequestTest {

    private static final PrivateKey PAYER = PrivateKey.random();

    private final ReferenceRecipient recipient = new ReferenceRecipient(40);

    @ParameterizedTest
    @ValueSource(strings = {"raw/payer-0000-out-invoice_request-tlv64.hex", "raw/payer-0004-out-invoice_request-tlv64.hex",
        "raw/server-0009-in-invoice_request-tlv64.hex"})
    void parsesTheLdkPayersRequests(String file) throws DecodeException {
        byte[] bytes = TestResources.ldkHex(file);
        InvoiceRequest request = InvoiceRequest.parse(bytes);
        Offer offer = Offer.parse(TestResources.ldkHex("raw/recipient-offer-bytes.hex"));
        assertThat(request.bytes()).isEqualTo(bytes);
        assertThat(request.verifySignature()).isTrue();
        assertThat(request.isFor(offer)).isTrue();
        assertThat(request.offerId()).isEqualTo(offer.id());
        assertThat(request.amountMsats()).hasValue(10_000);
        assertThat(request.metadata()).hasSize(32);
        assertThat(request.payerId().hex()).isEqualTo("03aba5b3f603a06ed477fce93c6efe2213ab7c73301cff30c2f080a7c7de379a39");
        assertThat(request.chain()).isEqualTo(ChainHash.BITCOIN);
        assertThat(request.quantity()).isEmpty();
        assertThat(request.payerNote()).isEmpty();
        assertThat(request.isFor(recipient.offer())).isFalse();
    }

    @Test
    void parsesTheBolt12SignatureVectorRequest() throws DecodeException {
        String lnr = TestResources.json("/vectors/bolt12/signature-test.json").get(3).get("bolt12").asString();
        InvoiceRequest request = InvoiceRequest.decode(lnr);
        assertThat(request.offer().amount()).contains(new Amount.Currency("USD", 100));
        assertThat(request.offer().description()).contains("A Mathematical Treatise");
        assertThat(request.payerId()).isEqualTo(PrivateKey.of(Hex.decode("42".repeat(32))).publicKey());
        assertThat(request.offer().issuerSigningKey())
                .contains(PrivateKey.of(Hex.decode("41".repeat(32))).publicKey());
        assertThat(request.metadata()).isEqualTo(new byte[8]);
        assertThat(request.toString()).isEqualTo(lnr);
    }

    @Test
    void builtRequestParsesBackVerifiesAndMatchesItsOffer() throws DecodeException {
        InvoiceRequest request = InvoiceRequest.builder(recipient.offer(), new byte[] {1, 2, 3})
                .amountMsats(5_000)
                .payerNote("thanks ⚡")
                .offerFromName(new HumanReadableName("alice", "example.com"))
                .sign(PAYER);
        InvoiceRequest parsed = InvoiceRequest.parse(request.bytes());
        assertThat(parsed).isEqualTo(request);
        assertThat(parsed.payerId()).isEqualTo(PAYER.publicKey());
        assertThat(parsed.payerNote()).contains("thanks ⚡");
        assertThat(parsed.offerFromName()).contains(new HumanReadableName("alice", "example.com"));
        assertThat(parsed.isFor(recipient.offer())).isTrue();
        assertThat(recipient.invoice(Instant.parse("2026-01-01T00:00:00Z")).isFor(parsed)).isTrue();
    }

    @Test
    void everySingleBitFlipFailsParsingOrVerification() {
        byte[] bytes = InvoiceRequest.builder(recipient.offer(), new byte[16]).amountMsats(1000).sign(PAYER).bytes();
        for (int position = 0; position < bytes.length; position++) {
            byte[] flipped = bytes.clone();
            flipped[position] ^= 0x10;
            assertThatThrownBy(() -> InvoiceRequest.parse(flipped)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void checksAmountsAgainstTheOffer() {
        Offer priced = offer(builder -> builder.amount(new Amount.Bitcoin(1_000)).description("tea"));
        assertThat(InvoiceRequest.builder(priced, new byte[1]).sign(PAYER).amountMsats()).isEmpty();
        assertThat(InvoiceRequest.builder(priced, new byte[1]).amountMsats(1_500).sign(PAYER).amountMsats()).hasValue(1_500);
        assertInvalid(() -> InvoiceRequest.builder(priced, new byte[1]).amountMsats(999).sign(PAYER),
                "less than the offer's amount");
        assertInvalid(() -> InvoiceRequest.builder(recipient.offer(), new byte[1]).sign(PAYER), "no invreq_amount");
        assertInvalid(() -> InvoiceRequest.builder(recipient.offer(), new byte[1])
                .amountMsats(Amount.MAX_VALUE_MSAT + 1).sign(PAYER), "exceeds the bitcoin supply");
        Offer inEuros = offer(builder -> builder.amount(new Amount.Currency("EUR", 5)).description("tea"));
        assertThat(InvoiceRequest.builder(inEuros, new byte[1]).amountMsats(1).sign(PAYER).amountMsats()).hasValue(1);
    }

    @Test
    void checksQuantitiesAgainstTheOffer() {
        Offer upToThree = offer(builder -> builder.amount(new Amount.Bitcoin(1_000)).description("tea")
                .quantity(new Quantity.Bounded(3)));
        assertThat(InvoiceRequest.builder(upToThree, new byte[1]).quantity(3).amountMsats(3_000).sign(PAYER).quantity())
                .hasValue(3);
        assertInvalid(() -> InvoiceRequest.builder(upToThree, new byte[1]).quantity(3).amountMsats(2_999).sign(PAYER),
                "less than the offer's amount");
        assertInvalid(() -> InvoiceRequest.builder(upToThree, new byte[1]).quantity(4).sign(PAYER), "outside the offer's");
        assertInvalid(() -> InvoiceRequest.builder(upToThree, new byte[1]).quantity(0).sign(PAYER), "outside the offer's");
        assertInvalid(() -> InvoiceRequest.builder(upToThree, new byte[1]).sign(PAYER), "no invreq_quantity");
        assertInvalid(() -> InvoiceRequest.builder(recipient.offer(), new byte[1]).amountMsats(1).quantity(1).sign(PAYER),
                "offer sells one item");
        Offer unbounded = offer(builder -> builder.amount(new Amount.Bitcoin(Amount.MAX_VALUE_MSAT)).description("x")
                .quantity(new Quantity.Unbounded()));
        assertInvalid(() -> InvoiceRequest.builder(unbounded, new byte[1]).quantity(-1L).sign(PAYER), "overflows");
        assertInvalid(() -> InvoiceRequest.builder(unbounded, new byte[1]).quantity(2).sign(PAYER),
                "exceeds the bitcoin supply");
    }

    @Test
    void checksTheChain() {
        assertInvalid(() -> InvoiceRequest.builder(recipient.offer(), new byte[1]).amountMsats(1)
                .chain(ChainHash.TESTNET).sign(PAYER), "is not one of the offer's chains");
        Offer testnet = offer(builder -> builder.chain(ChainHash.TESTNET));
        assertThat(InvoiceRequest.builder(testnet, new byte[1]).amountMsats(1).chain(ChainHash.TESTNET).sign(PAYER)
                .chain()).isEqualTo(ChainHash.TESTNET);
        assertInvalid(() -> InvoiceRequest.builder(testnet, new byte[1]).amountMsats(1).sign(PAYER),
                "is not one of the offer's chains");
    }

    @Test
    void enforcesRequiredAndForbiddenFields() throws DecodeException {
        byte[] valid = InvoiceRequest.builder(recipient.offer(), new byte[4]).amountMsats(1).sign(PAYER).bytes();
        assertRejected(valid, records -> remove(records, InvoiceRequest.METADATA), "no invreq_metadata");
        assertRejected(valid, records -> remove(records, InvoiceRequest.PAYER_ID), "no invreq_payer_id");
        assertRejected(valid, records -> add(records, new TlvRecord(InvoiceRequest.PATHS, new byte[0])),
                "invreq_paths");
        assertRejected(valid, records -> add(records, new TlvRecord(InvoiceRequest.FEATURES, new byte[] {4})),
                "invreq_features: unknown required feature bits [2]");
        assertRejected(valid, records -> add(records, new TlvRecord(160, new byte[0])), "unknown even TLV type 160");
        assertRejected(valid, records -> add(records, new TlvRecord(161, new byte[0])), "outside its allowed ranges");
        assertRejected(valid, records -> add(records, new TlvRecord(3_000_000_001L, new byte[0])),
                "outside its allowed ranges");
        assertRejected(valid, records -> add(records, new TlvRecord(InvoiceRequest.BIP_353_NAME,
                new byte[] {1, 'a', 1, '!'})), "invreq_bip_353_name");
        assertRejected(valid, records -> add(records, new TlvRecord(InvoiceRequest.PAYER_NOTE,
                new byte[] {(byte) 0xc3})), "invreq_payer_note: invalid UTF-8");
        List<TlvRecord> unsigned = remove(TlvStream.decode(valid, type -> true).records(), InvoiceRequest.SIGNATURE);
        assertThatThrownBy(() -> InvoiceRequest.parse(new TlvStream(unsigned).encode())).hasMessageContaining("no signature");
        assertThat(InvoiceRequest.parse(resigned(valid, records -> add(records,
                new TlvRecord(2_000_000_001L, new byte[] {5}), new TlvRecord(87, new byte[] {6})))).bytes())
                .hasSizeGreaterThan(valid.length);
    }

    @Test
    void onlyEverThrowsDecodeExceptionOnRandomOrMutatedBytes() {
        byte[] ldk = TestResources.ldkHex("raw/payer-0000-out-invoice_request-tlv64.hex");
        Random random = new Random(41);
        for (int i = 0; i < 10_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(300)];
                random.nextBytes(input);
            } else {
                input = ldk.clone();
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            try {
                InvoiceRequest.parse(input);
            } catch (DecodeException expected) {
                // the only failure allowed
            }
        }
    }

    private Offer offer(UnaryOperator<Offer.Builder> fields) {
        return fields.apply(Offer.builder().issuerSigningKey(recipient.issuerKey().publicKey())
                .path(new BlindedPathGenerator(42).messagePath())).build();
    }

    private static void assertInvalid(ThrowingCallable build, String reason) {
        assertThatThrownBy(build).isInstanceOf(IllegalStateException.class).hasMessageContaining(reason);
    }

    private static void assertRejected(byte[] valid, UnaryOperator<List<TlvRecord>> change, String reason) {
        byte[] bytes = resigned(valid, change);
        assertThatThrownBy(() -> InvoiceRequest.parse(bytes)).as(reason)
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(reason);
    }

    /** Changes a request's records and signs it again with the payer key. */
    private static byte[] resigned(byte[] valid, UnaryOperator<List<TlvRecord>> change) {
        try {
            List<TlvRecord> records = change.apply(
                    remove(TlvStream.decode(valid, type -> true).records(), InvoiceRequest.SIGNATURE));
            SchnorrSignature signature = SchnorrSignature.sign(
                    Merkle.signatureDigest(InvoiceRequest.SIGNATURE_TAG, records), PAYER);
            return TlvStream.builder().addAll(records).add(InvoiceRequest.SIGNATURE, signature.bytes()).build().encode();
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    private static List<TlvRecord> remove(List<TlvRecord> records, long type) {
        return records.stream().filter(record -> record.type() != type).toList();
    }

    private static List<TlvRecord> add(List<TlvRecord> records, TlvRecord... more) {
        return TlvStream.builder().addAll(records).addAll(List.of(more)).build().records();
    }
}
