package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

    /** The {@code onionmsg_tlv} types of the six messages. */
    Set<OnionMessageType> TYPES = Collections.unmodifiableSet(EnumSet.of(
            OnionMessageType.OFFER_PATHS_REQUEST, OnionMessageType.OFFER_PATHS, OnionMessageType.SERVE_STATIC_INVOICE,
            OnionMessageType.STATIC_INVOICE_PERSISTED, OnionMessageType.HELD_HTLC_AVAILABLE,
            OnionMessageType.RELEASE_HELD_HTLC));

    /** Whether a message TLV type is one of the six async-payments messages. */
    static boolean isAsyncPaymentsType(long tlvType) {
        return OnionMessageType.of(tlvType).filter(TYPES::contains).isPresent();
    }

    /** Decodes the async-payments message an {@code onionmsg_tlv} record carries, from untrusted bytes. */
    static AsyncPaymentsMessage decode(TlvRecord record) throws DecodeException {
        OnionMessageType type = OnionMessageType.of(record.type()).orElseThrow(() -> notAsyncPayments(record));
        byte[] value = record.value();
        return switch (type) {
            case OFFER_PATHS_REQUEST -> OfferPathsRequest.decode(value);
            case OFFER_PATHS -> OfferPaths.decode(value);
            case SERVE_STATIC_INVOICE -> ServeStaticInvoice.decode(value);
            case STATIC_INVOICE_PERSISTED -> StaticInvoicePersisted.decode(value);
            case HELD_HTLC_AVAILABLE -> HeldHtlcAvailable.decode(value);
            case RELEASE_HELD_HTLC -> ReleaseHeldHtlc.decode(value);
            case INVOICE_REQUEST, INVOICE, INVOICE_ERROR, STATIC_INVOICE -> throw notAsyncPayments(record);
        };
    }

    private static DecodeException notAsyncPayments(TlvRecord record) {
        return new DecodeException("TLV type " + Long.toUnsignedString(record.type()) + " is not an async payments message");
    }
}
