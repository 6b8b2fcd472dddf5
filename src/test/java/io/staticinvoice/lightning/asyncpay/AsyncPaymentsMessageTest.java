package io.staticinvoice.lightning.asyncpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.LdkFixtures;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AsyncPaymentsMessageTest {

    private static final String RAW = "fixtures/ldk-0.2.5/raw/";

    static Stream<String> capturedAsyncPayloads() {
        return Stream.of(
                "recipient-0000-out-offer_paths_request-tlv75540.hex",
                "server-0001-in-offer_paths_request-tlv75540.hex",
                "server-0002-out-offer_paths-tlv75542.hex",
                "recipient-0003-in-offer_paths-tlv75542.hex",
                "recipient-0004-out-serve_static_invoice-tlv75544.hex",
                "server-0005-in-serve_static_invoice-tlv75544.hex",
                "server-0006-out-static_invoice_persisted-tlv75546.hex",
                "recipient-0007-in-static_invoice_persisted-tlv75546.hex",
                "payer-0005-out-held_htlc_available-tlv72.hex");
    }

    @ParameterizedTest
    @MethodSource("capturedAsyncPayloads")
    void capturedLdkPayloadsDecodeAndReencodeByteForByte(String file) throws DecodeException {
        long type = Long.parseLong(file.substring(file.lastIndexOf("-tlv") + 4, file.length() - 4));
        byte[] value = LdkFixtures.hex(RAW + file);

        AsyncPaymentsMessage message = AsyncPaymentsMessage.decode(new TlvRecord(type, value));

        assertThat(message.type().tlvType()).isEqualTo(type);
        assertThat(message.unknownOddRecords()).isEmpty();
        assertThat(Hex.encode(message.encode())).isEqualTo(Hex.encode(value));
        assertThat(message.toRecord()).isEqualTo(new TlvRecord(type, value));
    }

    @Test
    void offerPathsRequestCarriesTheSlot() throws DecodeException {
        var request = (OfferPathsRequest) AsyncPaymentsMessage.decode(
                new TlvRecord(75540, LdkFixtures.hex(RAW + "recipient-0000-out-offer_paths_request-tlv75540.hex")));

        assertThat(request.invoiceSlot()).isZero();
        assertThat(Hex.encode(new OfferPathsRequest(513).encode())).isEqualTo("0400020201");
    }

    @Test
    void offerPathsCarriesTheServersPathAndExpiry() throws DecodeException {
        var offerPaths = (OfferPaths) AsyncPaymentsMessage.decode(
                new TlvRecord(75542, LdkFixtures.hex(RAW + "server-0002-out-offer_paths-tlv75542.hex")));

        assertThat(offerPaths.paths()).hasSize(1);
        BlindedMessagePath path = offerPaths.paths().get(0);
        assertThat(path.introductionNode().toString()).contains(LdkFixtures.text(RAW + "server-node-id.hex").strip());
        assertThat(offerPaths.pathsAbsoluteExpiry()).isPresent();
    }

    @Test
    void serveStaticInvoiceCarriesTheInvoiceAndForwardPath() throws DecodeException {
        var serve = (ServeStaticInvoice) AsyncPaymentsMessage.decode(new TlvRecord(75544,
                LdkFixtures.hex(RAW + "server-0005-in-serve_static_invoice-tlv75544.hex")));

        assertThat(serve.invoice()).isEqualTo(LdkFixtures.hex(RAW + "server-persisted-static-invoice-recipient1-slot0.hex"));
        var path = new ByteWriter();
        serve.forwardInvoiceRequestPath().write(path);
        assertThat(path.toByteArray())
                .isEqualTo(LdkFixtures.hex(RAW + "server-persisted-request-path-recipient1-slot0.hex"));
    }

    @Test
    void unknownOddFieldsAreKeptAndWrittenBack() throws DecodeException {
        byte[] value = Hex.decode("09000202010503aabbcc");

        var request = (OfferPathsRequest) AsyncPaymentsMessage.decode(new TlvRecord(75540, value));

        assertThat(request.invoiceSlot()).isEqualTo(0x0201);
        assertThat(request.unknownOddRecords()).containsExactly(new TlvRecord(5, Hex.decode("aabbcc")));
        assertThat(request.encode()).isEqualTo(value);
        assertThat(new StaticInvoicePersisted(List.of(new TlvRecord(1, new byte[] {7}))).encode())
                .isEqualTo(Hex.decode("03010107"));
    }

    @Test
    void emptyMessagesEncodeAsAZeroLength() throws DecodeException {
        assertThat(new StaticInvoicePersisted().encode()).containsExactly(0);
        assertThat(new HeldHtlcAvailable().encode()).containsExactly(0);
        assertThat(new ReleaseHeldHtlc().toRecord()).isEqualTo(new TlvRecord(74, new byte[] {0}));
        assertThat(new OfferPaths(List.of(), OptionalLong.of(1)).encode())
                .isEqualTo(Hex.decode("0c0000020800000000000000" + "01"));
    }

    static Stream<Object[]> malformed() {
        return Stream.of(
                new Object[] {75540L, "", "truncated"},
                new Object[] {75540L, "00", "missing required field invoice_slot"},
                new Object[] {75540L, "05000200", "declares 5 bytes of fields but has 3"},
                new Object[] {75540L, "050003000000", "invoice_slot must be 2 bytes"},
                new Object[] {75540L, "06000200000200", "unknown even TLV type 2"},
                new Object[] {75542L, "0a02080000000000000001", "missing required field paths"},
                new Object[] {75542L, "0400020400", "invalid introduction node: first byte 4"},
                new Object[] {75542L, "080000020400000000", "paths_absolute_expiry must be 8 bytes"},
                new Object[] {75544L, "0400000200", "empty invoice"},
                new Object[] {75544L, "030001aa", "missing required field forward_invoice_request_path"},
                new Object[] {75546L, "020000", "unknown even TLV type 0"},
                new Object[] {72L, "01", "declares 1 bytes of fields but has 0"},
                new Object[] {64L, "00", "not an async payments message"},
                new Object[] {99L, "00", "TLV type 99 is not an async payments message"});
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedValuesAreRejectedWithTheirReason(long type, String hex, String reason) {
        assertThatThrownBy(() -> AsyncPaymentsMessage.decode(new TlvRecord(type, Hex.decode(hex))))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void knowsExactlyTheSixAsyncTypes() {
        assertThat(Stream.of(OnionMessageType.values()).filter(t -> AsyncPaymentsMessage.isAsyncPaymentsType(t.tlvType())))
                .containsExactlyInAnyOrder(OnionMessageType.HELD_HTLC_AVAILABLE, OnionMessageType.RELEASE_HELD_HTLC,
                        OnionMessageType.OFFER_PATHS_REQUEST, OnionMessageType.OFFER_PATHS,
                        OnionMessageType.SERVE_STATIC_INVOICE, OnionMessageType.STATIC_INVOICE_PERSISTED);
    }
}
