package io.staticinvoice.lightning.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer targets for the codec decoders that read peer and API input: BigSize, TLV streams, hex
 * and bech32 (BOLT 12 strings). Each returns a value or throws {@link DecodeException}; any other
 * exception fails the target. Seeds: {@code CodecFuzzTestInputs/<target>/} in the test resources.
 */
class CodecFuzzTest {

    @FuzzTest
    void bigSize(byte[] input) {
        ByteReader reader = new ByteReader(input);
        try {
            while (reader.remaining() > 0) {
                BigSize.read(reader);
            }
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void tlvStream(byte[] input) {
        try {
            TlvStream.decode(input, type -> type < 1000);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void hex(byte[] input) {
        try {
            Hex.decode(new String(input, StandardCharsets.UTF_8));
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void bech32(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Bech32.decode(text);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        try {
            Bech32.decode(text, "lno");
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }
}
