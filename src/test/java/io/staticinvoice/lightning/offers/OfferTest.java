package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedPathGenerator;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.lightning.testing.TestResources;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Features;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Offers: every case of BOLT 12 {@code offers-test.json}, LDK's real offer, the builder. */
class OfferTest {

    private static final String ALICE = "02eec7245d6b7d2ccb30380bfbe2a3648cd7a942653f5aa340edcea1f283686619";

    /** What each valid vector's "field info" says, as assertions on the parsed offer. */
    private static final Map<String, Consumer<Offer>> FIELD_INFO = Map.ofEntries(
            Map.entry("Minimal bolt12 offer", offer -> {
                assertThat(offer.contents().issuerSigningKey().map(PublicKey::hex)).contains(ALICE);
                assertThat(offer.contents().description()).isEmpty();
                assertThat(offer.contents().supportedChains()).containsExactly(ChainHash.BITCOIN);
                assertThat(offer.contents().quantity()).isEqualTo(new Quantity.One());
            }),
            Map.entry("with description (but no amount)",
                    offer -> assertThat(offer.contents().description()).contains("Test vectors")),
            Map.entry("for testnet", offer -> assertThat(offer.contents().chains()).containsExactly(ChainHash.TESTNET)),
            Map.entry("for bitcoin (redundant)",
                    offer -> assertThat(offer.contents().chains()).containsExactly(ChainHash.BITCOIN)),
            Map.entry("for bitcoin or liquidv1", offer -> {
                assertThat(offer.contents().chains()).hasSize(2);
                assertThat(offer.contents().chains().get(1)).isEqualTo(ChainHash.BITCOIN);
            }),
            Map.entry("with metadata", offer -> assertThat(offer.contents().metadata()).hasValueSatisfying(
                    metadata -> assertThat(metadata).isEqualTo(new byte[16]))),
            Map.entry("with amount",
                    offer -> assertThat(offer.contents().amount()).contains(new Amount.Bitcoin(10_000))),
            Map.entry("with currency",
                    offer -> assertThat(offer.contents().amount()).contains(new Amount.Currency("USD", 10_000))),
            Map.entry("with expiry", offer -> {
                // 0x7a4297d8: 2035-01-01 in a UTC+10:30 time zone
                Instant expiry = Instant.ofEpochSecond(0x7a4297d8L);
                assertThat(offer.contents().absoluteExpiry()).contains(expiry);
                assertThat(offer.isExpired(expiry)).isFalse();
                assertThat(offer.isExpired(expiry.plusSeconds(1))).isTrue();
            }),
            Map.entry("with issuer", offer -> assertThat(offer.contents().issuer())
                    .contains("https://bolt12.org BOLT12 industries")),
            Map.entry("with quantity", offer -> assertThat(offer.contents().quantity()).isEqualTo(new Quantity.Bounded(5))),
            Map.entry("with unlimited (or unknown) quantity",
                    offer -> assertThat(offer.contents().quantity()).isEqualTo(new Quantity.Unbounded())),
            Map.entry("with single quantity (weird but valid)",
                    offer -> assertThat(offer.contents().quantity()).isEqualTo(new Quantity.Bounded(1))),
            Map.entry("with feature", offer -> assertThat(offer.contents().features().isSet(99)).isTrue()),
            Map.entry("with blinded path via Bob (0x424242...), path_key 020202...", offer -> {
                assertThat(offer.contents().paths()).hasSize(1);
                assertThat(offer.contents().paths().get(0).hops()).extracting(hop -> hop.payloadLength())
                        .containsExactly(16, 8);
                assertThat(offer.contents().paths().get(0).pathKey().hex()).startsWith("020202");
            }),
            Map.entry("same, with blinded path first_node_id using sciddir", offer -> assertThat(
                    offer.contents().paths().get(0).introductionNode()).isEqualTo(
                    new IntroductionNode.DirectedShortChannelId(IntroductionNode.Direction.NODE_ONE, 42))),
            Map.entry("with no issuer_id and blinded path via Bob (0x424242...), path_key 020202...", offer -> {
                assertThat(offer.contents().issuerSigningKey()).isEmpty();
                assertThat(offer.contents().paths()).hasSize(1);
            }),
            Map.entry("... and with second blinded path via 1x2x3 (direction 1), path_key 020202...", offer -> {
                assertThat(offer.contents().paths()).hasSize(2);
                assertThat(offer.contents().paths().get(1).introductionNode()).isEqualTo(
                        new IntroductionNode.DirectedShortChannelId(IntroductionNode.Direction.NODE_TWO,
                                0x0000010000020003L));
            }),
            Map.entry("unknown odd field", offer -> assertThat(offer.contents().records())
                    .contains(new TlvRecord(33, "helloworld".getBytes()))),
            Map.entry("unknown odd experimental field", offer -> assertThat(offer.contents().records())
                    .contains(new TlvRecord(1_000_000_033L, "helloworld".getBytes()))));

    static Stream<Arguments> vectors() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode vector : TestResources.json("/vectors/bolt12/offers-test.json")) {
            cases.add(Arguments.of(vector.get("description").asString(), vector.get("valid").asBoolean(),
                    vector.get("bolt12").asString(), vector.get("fields")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void followsBolt12Vectors(String description, boolean valid, String bolt12, JsonNode fields) throws DecodeException {
        if (!valid) {
            assertThatThrownBy(() -> Offer.decode(bolt12)).isInstanceOf(DecodeException.class);
            return;
        }
        Offer offer = Offer.decode(bolt12);
        List<TlvRecord> expected = new ArrayList<>();
        for (JsonNode field : fields) {
            assertThat(field.get("length").asInt()).isEqualTo(field.get("hex").asString().length() / 2);
            expected.add(new TlvRecord(field.get("type").asLong(), Hex.decode(field.get("hex").asString())));
        }
        assertThat(offer.contents().records()).containsExactlyElementsOf(expected);
        assertThat(offer.encode()).isEqualTo(bolt12);
        assertThat(Offer.parse(offer.bytes())).isEqualTo(offer);
        assertThat(FIELD_INFO).containsKey(description);
        FIELD_INFO.get(description).accept(offer);
    }

    @Test
    void rejectsInvalidVectorsForTheRightReason() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("Malformed: fields out of order", "not increasing"),
                // the vector's bytes hold type 72, not the 78 its description says
                Map.entry("Malformed: unknown even TLV type 78", "unknown even TLV type 72"),
                Map.entry("Malformed: empty", "neither offer_issuer_id nor offer_paths"),
                Map.entry("Malformed: invalid offer_chains length", "offer_chains"),
                Map.entry("Malformed: truncated currency UTF-8", "offer_currency"),
                Map.entry("Malformed: invalid currency UTF-8", "offer_currency"),
                Map.entry("Malformed: truncated description UTF-8", "offer_description: invalid UTF-8"),
                Map.entry("Malformed: invalid description UTF-8", "offer_description: invalid UTF-8"),
                Map.entry("Malformed: truncated offer_paths", "offer_paths"),
                // These five vectors give offer_paths a length of 2 or 3, so the path's bytes read as
                // out-of-order records; rejectsMalformedPaths covers the rules they are named after.
                Map.entry("Malformed: zero num_hops in blinded_path", "TLV types not increasing"),
                Map.entry("Malformed: truncated onionmsg_hop in blinded_path", "TLV types not increasing"),
                Map.entry("Malformed: bad first_node_id in blinded_path", "TLV types not increasing"),
                Map.entry("Malformed: bad path_key in blinded_path", "TLV types not increasing"),
                Map.entry("Malformed: bad blinded_node_id in onionmsg_hop", "TLV types not increasing"),
                Map.entry("Malformed: truncated issuer UTF-8", "offer_issuer: invalid UTF-8"),
                Map.entry("Malformed: invalid issuer UTF-8", "offer_issuer: invalid UTF-8"),
                Map.entry("Malformed: invalid offer_issuer_id", "offer_issuer_id"),
                Map.entry("Contains type >= 80", "unknown even TLV type 80"),
                // These two vectors write their type with the 0xfd (u16) BigSize prefix instead of
                // 0xfe, so they fail as truncated records; rejectsRecordsOutsideTheOfferRanges covers them.
                Map.entry("Contains type > 1999999999", "TLV type 30517 length 148 exceeds remaining"),
                Map.entry("Contains unknown even type (1000000002)", "TLV type 15258 length 202 exceeds remaining"),
                Map.entry("Contains unknown feature 122", "unknown required feature bits [122]"),
                Map.entry("Missing offer_description, but has offer_amount", "without offer_description"),
                Map.entry("Missing offer_amount with offer_currency", "offer_currency is set without offer_amount"),
                Map.entry("Invalid: zero offer_amount", "offer_amount must be"),
                Map.entry("Invalid: zero offer_amount with currency", "offer_amount must be positive"),
                Map.entry("Missing offer_issuer_id and no offer_path", "neither offer_issuer_id nor offer_paths"),
                Map.entry("Second offer_path is empty", "offer_paths"),
                Map.entry("offer_chains with zero entries", "offer_chains: no chain"),
                Map.entry("Bech32 padding exceeds 4-bit limit", "padding exceeds 4 bits"));
        int checked = 0;
        for (JsonNode vector : TestResources.json("/vectors/bolt12/offers-test.json")) {
            String description = vector.get("description").asString();
            if (vector.get("valid").asBoolean() || !reasons.containsKey(description)) {
                continue;
            }
            assertThatThrownBy(() -> Offer.decode(vector.get("bolt12").asString()))
                    .as(description)
                    .isInstanceOf(DecodeException.class)
                    .hasMessageContaining(reasons.get(description));
            checked++;
        }
        assertThat(checked).isEqualTo(reasons.size());
    }

    @Test
    void rejectsRecordsOutsideTheOfferRanges() throws DecodeException {
        Map<String, String> reasons = Map.of(
                "51", "offer contains TLV type 81 outside its allowed ranges",
                "fd03e7", "offer contains TLV type 999 outside its allowed ranges",
                "fe77359401", "offer contains TLV type 2000000001 outside its allowed ranges",
                "fe77359400", "unknown even TLV type 2000000000",
                "fe3b9aca02", "unknown even TLV type 1000000002");
        for (Map.Entry<String, String> type : reasons.entrySet()) {
            byte[] bytes = Hex.decode("1621" + ALICE + type.getKey() + "00");
            assertThatThrownBy(() -> Offer.parse(bytes)).hasMessage(type.getValue());
        }
        assertThat(Offer.parse(Hex.decode("1621" + ALICE + "fe3b9aca0100")).contents().records()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPaths")
    void rejectsMalformedPaths(String rule, String path, String reason) throws DecodeException {
        byte[] bytes = Hex.decode("10" + String.format("%02x", path.length() / 2) + path + "1621" + ALICE);
        assertThatThrownBy(() -> Offer.parse(bytes)).isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("offer_paths: ")
                .hasMessageContaining(reason);
    }

    static Stream<Arguments> malformedPaths() {
        String notAPoint = "02" + "00".repeat(32);
        String hop = ALICE + "0002abcd";
        return Stream.of(
                Arguments.of("zero num_hops", ALICE + ALICE + "00", "zero hops"),
                Arguments.of("truncated onionmsg_hop", ALICE + ALICE + "01" + ALICE + "0003abcd", "truncated"),
                Arguments.of("bad first_node_id", notAPoint + ALICE + "01" + hop, "not a secp256k1 point"),
                Arguments.of("bad path_key", ALICE + notAPoint + "01" + hop, "not a secp256k1 point"),
                Arguments.of("bad blinded_node_id", ALICE + ALICE + "01" + notAPoint + "0002abcd",
                        "not a secp256k1 point"),
                Arguments.of("bad introduction node prefix", "05" + ALICE.substring(2) + ALICE + "01" + hop,
                        "invalid introduction node"));
    }

    @Test
    void rejectsTruncatedEncodingsAsTruncated() {
        for (String truncated : List.of("lno1pg", "lno1pt7s", "lno1pgpq", "lno1pgpyz")) {
            assertThatThrownBy(() -> Offer.decode(truncated)).isInstanceOf(DecodeException.class)
                    .hasMessageMatching("truncated.*|TLV type 10 length \\d+ exceeds remaining \\d bytes");
        }
    }

    @Test
    void parsesLdkAsyncReceiveOffer() throws DecodeException {
        String text = TestResources.text("/fixtures/ldk-0.2.5/offer.txt").strip();
        Offer offer = Offer.decode(text);
        assertThat(offer.bytes()).isEqualTo(TestResources.ldkHex("raw/recipient-offer-bytes.hex"));
        assertThat(offer.encode()).isEqualTo(text);
        OfferContents contents = offer.contents();
        assertThat(contents.amount()).isEmpty();
        assertThat(contents.description()).isEmpty();
        assertThat(contents.issuerSigningKey().map(PublicKey::hex))
                .contains("02bf47c93d55d8856316654c13e8b7054544006193007c31624c07133da2e6b35a");
        assertThat(contents.absoluteExpiry()).contains(Instant.ofEpochSecond(0x6ce6182dL));
        assertThat(contents.paths()).hasSize(1);
        assertThat(contents.paths().get(0).introductionNode()).isEqualTo(new IntroductionNode.NodeId(
                PublicKey.parse(TestResources.ldkHex("raw/server-node-id.hex"))));
        assertThat(offer.id()).isEqualTo(contents.offerId());
    }

    @Test
    void builderMakesAnAsyncOfferThatParsesBack() throws DecodeException {
        BlindedPathGenerator generator = new BlindedPathGenerator(20);
        PublicKey issuer = PrivateKey.random().publicKey();
        Offer offer = Offer.builder()
                .path(generator.messagePath())
                .path(generator.messagePath())
                .issuerSigningKey(issuer)
                .absoluteExpiry(Instant.ofEpochSecond(1_900_000_000L))
                .build();
        assertThat(Offer.decode(offer.encode())).isEqualTo(offer);
        assertThat(offer.contents().paths()).hasSize(2);
        assertThat(offer.contents().issuerSigningKey()).contains(issuer);
        assertThat(offer.contents().amount()).isEmpty();
    }

    @Test
    void builderWritesEveryField() throws DecodeException {
        Offer offer = Offer.builder()
                .chain(ChainHash.TESTNET)
                .metadata(new byte[] {1, 2})
                .amount(new Amount.Currency("EUR", 250))
                .description("coffee")
                .features(Features.empty().withBit(99))
                .absoluteExpiry(Instant.ofEpochSecond(2_000_000_000L))
                .path(new BlindedPathGenerator(21).messagePath())
                .issuer("Café Lightning")
                .quantity(new Quantity.Unbounded())
                .issuerSigningKey(PrivateKey.random().publicKey())
                .build();
        OfferContents contents = Offer.parse(offer.bytes()).contents();
        assertThat(contents.chains()).containsExactly(ChainHash.TESTNET);
        assertThat(contents.amount()).contains(new Amount.Currency("EUR", 250));
        assertThat(contents.issuer()).contains("Café Lightning");
        assertThat(contents.quantity()).isEqualTo(new Quantity.Unbounded());
        assertThat(contents.features().isSet(99)).isTrue();
        assertThat(contents.records()).extracting(TlvRecord::type)
                .containsExactly(2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L, 22L);
    }

    @Test
    void builderRefusesInvalidOffers() {
        assertThatThrownBy(() -> Offer.builder().description("no key").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither offer_issuer_id nor offer_paths");
        assertThatThrownBy(() -> Offer.builder().issuerSigningKey(PrivateKey.random().publicKey())
                .amount(new Amount.Bitcoin(1000)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without offer_description");
    }

    @Test
    void onlyEverThrowsDecodeExceptionOnRandomOrMutatedBytes() {
        byte[] ldk = TestResources.ldkHex("raw/recipient-offer-bytes.hex");
        Random random = new Random(22);
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(200)];
                random.nextBytes(input);
            } else {
                input = ldk.clone();
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            try {
                Offer.parse(input);
            } catch (DecodeException expected) {
                // the only failure allowed
            }
        }
    }
}
