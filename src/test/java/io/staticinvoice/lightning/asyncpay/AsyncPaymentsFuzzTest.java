package io.staticinvoice.lightning.asyncpay;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer target for the six async-payments messages (OfferPathsRequest, OfferPaths,
 * ServeStaticInvoice, StaticInvoicePersisted, HeldHtlcAvailable, ReleaseHeldHtlc) as they arrive
 * in an {@code onionmsg_tlv} record: the first input byte picks the type, the rest is the value.
 * Only {@link DecodeException} may come out.
 */
class AsyncPaymentsFuzzTest {

    private static final List<OnionMessageType> TYPES = List.copyOf(AsyncPaymentsMessage.TYPES);

    @FuzzTest
    void message(byte[] input) {
        if (input.length == 0) {
            return;
        }
        OnionMessageType type = TYPES.get((input[0] & 0xff) % TYPES.size());
        try {
            AsyncPaymentsMessage.decode(new TlvRecord(type.tlvType(), Arrays.copyOfRange(input, 1, input.length)));
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }
}
