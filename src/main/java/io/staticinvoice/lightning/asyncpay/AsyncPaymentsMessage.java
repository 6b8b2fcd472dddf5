package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.List;
import java.util.Optional;

/**
 * The async-payments onion messages of LDK 0.2 ({@code lightning/src/onion_message/async_payments.rs}),
 * the protocol between an often-offline recipient, its static invoice server and payers. Each is
 * the value of one {@code onionmsg_tlv} message TLV, encoded as LDK's
 * {@code impl_writeable_tlv_based!}: a BigSize length, then a TLV stream of the message's fields.
 * Unknown odd fields are kept and written back unchanged; unknown even ones are rejected.
 */
public sealed interface AsyncPaymentsMessage
        permits OfferPathsRequest, OfferPaths, ServeStaticInvoice, StaticInvoicePersisted, HeldHtlcAvailable,
        ReleaseHeldHtlc {

    /** The {@code onionmsg_tlv} type carrying this message. */
    OnionMessageType type();

    /** The message's fields, including the unknown odd ones it was decoded with. */
    TlvStream fields();

    /** Unknown odd fields kept from decoding. */
    List<TlvRecord> unknownOddRecords();

    /** The TLV value: BigSize length of the field stream, then the stream. */
    default byte[] encode() {
        return LengthPrefixedTlvStream.encode(fields());
    }

    /** The message as the {@code onionmsg_tlv} record that carries it. */
    default TlvRecord toRecord() {
        return new TlvRecord(type().tlvType(), encode());
    }

    /** Whether a message TLV type is one of the six async-payments messages. */
    static boolean isAsyncPaymentsType(long tlvType) {
        return OnionMessageType.of(tlvType).flatMap(AsyncPaymentsMessage::decoderOf).isPresent();
    }

    /** Decodes the async-payments message an {@code onionmsg_tlv} record carries, from untrusted bytes. */
    static AsyncPaymentsMessage decode(TlvRecord record) throws DecodeException {
        Decoder decoder = OnionMessageType.of(record.type()).flatMap(AsyncPaymentsMessage::decoderOf)
                .orElseThrow(() -> new DecodeException("TLV type " + Long.toUnsignedString(record.type())
                        + " is not an async payments message"));
        return decoder.decode(record.value());
    }

    private static Optional<Decoder> decoderOf(OnionMessageType type) {
        return Optional.ofNullable(switch (type) {
            case OFFER_PATHS_REQUEST -> OfferPathsRequest::decode;
            case OFFER_PATHS -> OfferPaths::decode;
            case SERVE_STATIC_INVOICE -> ServeStaticInvoice::decode;
            case STATIC_INVOICE_PERSISTED -> StaticInvoicePersisted::decode;
            case HELD_HTLC_AVAILABLE -> HeldHtlcAvailable::decode;
            case RELEASE_HELD_HTLC -> ReleaseHeldHtlc::decode;
            default -> null;
        });
    }

    /** A decoder of one message's TLV value. */
    @FunctionalInterface
    interface Decoder {
        AsyncPaymentsMessage decode(byte[] value) throws DecodeException;
    }
}
