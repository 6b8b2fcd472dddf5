package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Arrays;

/**
 * The {@code onion_message_packet} carried by BOLT 4's {@code onion_message} (type 513): version 0,
 * the Sphinx ephemeral {@code public_key}, the encrypted {@code onionmsg_payloads} and their
 * {@code hmac}. Unlike a payment onion its payload area has no fixed size; LDK and this code send
 * 1300 or 32768 bytes ({@code lightning/src/onion_message/packet.rs}), lightning-kmp also 65432.
 *
 * @param publicKey the ephemeral key of the Sphinx layer for the receiving hop
 * @param hopData   the encrypted {@code onionmsg_payloads}
 * @param hmac      32-byte HMAC over {@code hopData} under the hop's {@code mu} key
 */
public record OnionMessagePacket(PublicKey publicKey, byte[] hopData, byte[] hmac) {

    /** The only packet version BOLT 4 defines. */
    public static final int VERSION = 0;
    /** Size of the HMAC. */
    public static final int HMAC_LENGTH = 32;
    /** Bytes around the hop data: version, public key, HMAC. */
    public static final int OVERHEAD = 1 + PublicKey.LENGTH + HMAC_LENGTH;
    /** The largest packet an {@code onion_message} can carry: its length is a u16. */
    public static final int MAX_PACKET_LENGTH = 65535;

    public OnionMessagePacket {
        if (hopData.length == 0 || hopData.length > MAX_PACKET_LENGTH - OVERHEAD) {
            throw new IllegalArgumentException("hop data length " + hopData.length + " out of range");
        }
        if (hmac.length != HMAC_LENGTH) {
            throw new IllegalArgumentException("hmac must be " + HMAC_LENGTH + " bytes");
        }
        hopData = hopData.clone();
        hmac = hmac.clone();
    }

    /** Decodes an {@code onion_message_packet} from untrusted bytes. */
    public static OnionMessagePacket decode(byte[] bytes) throws DecodeException {
        if (bytes.length > MAX_PACKET_LENGTH) {
            throw new DecodeException("onion packet of " + bytes.length + " bytes exceeds " + MAX_PACKET_LENGTH);
        }
        if (bytes.length <= OVERHEAD) {
            throw new DecodeException("onion packet of " + bytes.length + " bytes has no hop data");
        }
        ByteReader reader = new ByteReader(bytes);
        int version = reader.u8();
        if (version != VERSION) {
            throw new DecodeException("unknown onion packet version " + version);
        }
        PublicKey publicKey = reader.publicKey();
        byte[] hopData = reader.bytes(bytes.length - OVERHEAD);
        byte[] hmac = reader.bytes(HMAC_LENGTH);
        return new OnionMessagePacket(publicKey, hopData, hmac);
    }

    public byte[] encode() {
        return new ByteWriter(OVERHEAD + hopData.length)
                .u8(VERSION).publicKey(publicKey).bytes(hopData).bytes(hmac).toByteArray();
    }

    /** Length of the encoded packet. */
    public int length() {
        return OVERHEAD + hopData.length;
    }

    @Override
    public byte[] hopData() {
        return hopData.clone();
    }

    @Override
    public byte[] hmac() {
        return hmac.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnionMessagePacket that && publicKey.equals(that.publicKey)
                && Arrays.equals(hopData, that.hopData) && Arrays.equals(hmac, that.hmac);
    }

    @Override
    public int hashCode() {
        return 31 * publicKey.hashCode() + Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "OnionMessagePacket[publicKey=" + publicKey + ", hopData=" + hopData.length + " bytes]";
    }
}
