package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.List;
import java.util.Set;

/**
 * Payer (or its LSP) to recipient: "an HTLC for you is being held until you are online" (LDK 0.2
 * {@code HeldHtlcAvailable}, onion message type 72). Its reply path leads back to the holder. It
 * has no fields.
 */
public record HeldHtlcAvailable(List<TlvRecord> unknownOddRecords) implements AsyncPaymentsMessage {

    public HeldHtlcAvailable {
        unknownOddRecords = LengthPrefixedTlvStream.checkUnknownOdd(unknownOddRecords, Set.of());
    }

    public HeldHtlcAvailable() {
        this(List.of());
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.HELD_HTLC_AVAILABLE;
    }

    @Override
    public TlvStream fields() {
        return TlvStream.builder().addAll(unknownOddRecords).build();
    }

    static HeldHtlcAvailable decode(byte[] value) throws DecodeException {
        return new HeldHtlcAvailable(LengthPrefixedTlvStream.decode(value, Set.of(), "held_htlc_available").records());
    }
}
