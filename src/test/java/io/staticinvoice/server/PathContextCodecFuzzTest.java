package io.staticinvoice.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.ChaCha20Poly1305;
import io.staticinvoice.lightning.crypto.Hkdf;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jazzer targets for our path contexts, the {@code path_id}s a peer hands back: arbitrary bytes
 * (short ones decoded as compact contexts, long ones failing the first version's authentication),
 * and arbitrary plaintexts sealed with the first version's key, which reach the decoding behind
 * its authentication (a key leak or a bug in sealing must still not crash the worker). Only
 * {@link DecodeException} may come out.
 */
class PathContextCodecFuzzTest {

    private static final PrivateKey NODE_KEY = key();
    private static final PathContextCodec CODEC = new PathContextCodec(NODE_KEY);
    /** The first version's sealing key, derived as {@link PathContextCodec} does. */
    private static final byte[] SEALING_KEY = Hkdf.extractExpand2(
            "static-invoice-server/path-context/v1".getBytes(StandardCharsets.US_ASCII), NODE_KEY.bytes()).first();
    private static final int NONCE_LENGTH = 12;

    @FuzzTest
    void open(byte[] input) {
        try {
            CODEC.read(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        byte[] sealed = ChaCha20Poly1305.encrypt(SEALING_KEY, nonce, new byte[0], input);
        byte[] pathId = Arrays.copyOf(nonce, NONCE_LENGTH + sealed.length);
        System.arraycopy(sealed, 0, pathId, NONCE_LENGTH, sealed.length);
        try {
            CODEC.read(pathId);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    private static PrivateKey key() {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) 0x42);
        return PrivateKey.of(bytes);
    }
}
