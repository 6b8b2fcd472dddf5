package io.staticinvoice.lightning.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.staticinvoice.lightning.codec.DecodeException;

/**
 * Jazzer targets for BOLT 1 messages as a peer sends them (after BOLT 8 decryption): any message
 * ({@code init}, {@code ping}, {@code pong}, {@code warning}, {@code error}, {@code onion_message},
 * unknown types), an {@code onion_message} body, a network address. Only {@link DecodeException}
 * may come out.
 */
class WireFuzzTest {

    @FuzzTest
    void lightningMessage(byte[] input) {
        try {
            LightningMessage.decode(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void onionMessageBody(byte[] input) {
        try {
            OnionMessage.decodeBody(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void networkAddress(byte[] input) {
        try {
            NetworkAddress.decode(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        Features.decode(input);
    }
}
