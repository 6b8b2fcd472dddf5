package io.staticinvoice.lightning.onion;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.onion.LdkFixtures.Role;
import io.staticinvoice.lightning.wire.OnionMessage;
import java.util.Optional;

/**
 * Jazzer targets for BOLT 4 onion messages and route blinding as a peer sends them: the
 * {@code onion_message} body peeled by the LDK capture server's key (so the captured messages as
 * seeds reach the payload, encrypted-data and reply-path decoders), packets, payloads,
 * encrypted recipient data, and lists of blinded paths (the API's server paths and LDK's
 * {@code Vec<BlindedMessagePath>}). Only {@link DecodeException} may come out.
 */
class OnionFuzzTest {

    private static final OnionPeeler SERVER = new OnionPeeler(Role.SERVER.nodeKey(),
            Optional.of(Role.SERVER.receiveAuthKey()));

    @FuzzTest
    void peel(byte[] input) {
        try {
            OnionMessage message = OnionMessage.decodeBody(input);
            SERVER.peel(message.pathKey(), message.packet());
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void packet(byte[] input) {
        try {
            OnionMessagePacket.decode(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void payload(byte[] input) {
        try {
            OnionMessagePayload.decode(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        try {
            EncryptedData.decode(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void blindedPaths(byte[] input) {
        try {
            BlindedMessagePath.decodeList(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        try {
            ByteReader reader = new ByteReader(input);
            BlindedPath.read(reader);
            BlindedPayInfo.read(reader);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }
}
