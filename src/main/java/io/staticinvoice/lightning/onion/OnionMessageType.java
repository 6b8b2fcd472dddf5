package io.staticinvoice.lightning.onion;

import java.util.Arrays;
import java.util.Optional;

/**
 * The message types an {@code onionmsg_tlv} can carry for its final hop (types 64 and up): the
 * BOLT 12 ones of BOLT 4 "Onion Messages", LDK's static invoice
 * ({@code lightning/src/onion_message/offers.rs}) and LDK's async-payments messages
 * ({@code lightning/src/onion_message/async_payments.rs}).
 */
public enum OnionMessageType {
    INVOICE_REQUEST(64),
    INVOICE(66),
    INVOICE_ERROR(68),
    STATIC_INVOICE(70),
    HELD_HTLC_AVAILABLE(72),
    RELEASE_HELD_HTLC(74),
    OFFER_PATHS_REQUEST(75540),
    OFFER_PATHS(75542),
    SERVE_STATIC_INVOICE(75544),
    STATIC_INVOICE_PERSISTED(75546);

    /** The lowest type of a message TLV; lower types are control fields. */
    public static final long FIRST_MESSAGE_TYPE = 64;

    private final long tlvType;

    OnionMessageType(long tlvType) {
        this.tlvType = tlvType;
    }

    public long tlvType() {
        return tlvType;
    }

    /** Whether a TLV type (unsigned) is in the message range, 64 and up. */
    public static boolean isMessageType(long tlvType) {
        return Long.compareUnsigned(tlvType, FIRST_MESSAGE_TYPE) >= 0;
    }

    public static Optional<OnionMessageType> of(long tlvType) {
        return Arrays.stream(values()).filter(type -> type.tlvType == tlvType).findFirst();
    }
}
