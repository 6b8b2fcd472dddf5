package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.List;
import java.util.Set;

/**
 * Recipient to the HTLC holder: "I am online, release the held HTLC" (LDK 0.2
 * {@code ReleaseHeldHtlc}, onion message type 74), sent on the reply path of a
 * {@link HeldHtlcAvailable}. It has no fields.
 */
public record ReleaseHeldHtlc(List<TlvRecord> unknownOddRecords) implements AsyncPaymentsMessage {

    public ReleaseHeldHtlc {
        unknownOddRecords = LengthPrefixedTlvStream.checkUnknownOdd(unknownOddRecords, Set.of());
    }

    public ReleaseHeldHtlc() {
        this(List.of());
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.RELEASE_HELD_HTLC;
    }

    @Override
    public TlvStream fields() {
        return TlvStream.builder().addAll(unknownOddRecords).build();
    }

    static ReleaseHeldHtlc decode(byte[] value) throws DecodeException {
        return new ReleaseHeldHtlc(LengthPrefixedTlvStream.decode(value, Set.of(), "release_held_htlc").records());
    }
}
