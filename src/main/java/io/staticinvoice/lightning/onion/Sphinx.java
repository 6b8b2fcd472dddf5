package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.BigSize;
import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.ChaCha20;
import io.staticinvoice.lightning.crypto.Curves;
import io.staticinvoice.lightning.crypto.Ecdh;
import io.staticinvoice.lightning.crypto.HmacSha256;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Sphinx mix-net construction of BOLT 4 ("Packet Construction", "Onion Decryption", "Filler
 * Generation") as onion messages use it: no associated data, and a payload area of the size the
 * caller picks. LDK's equivalent is {@code construct_onion_message_packet} and
 * {@code decode_next_untagged_hop} in {@code lightning/src/ln/onion_utils.rs}.
 */
public final class Sphinx {

    private static final byte[] ZERO_NONCE = new byte[12];
    private static final byte[] ZERO_HMAC = new byte[OnionMessagePacket.HMAC_LENGTH];

    private Sphinx() {
    }

    /** BOLT 4 "Key Generation": {@code HMAC256(name, secret)} for {@code rho}, {@code mu}, {@code pad}. */
    public static byte[] generateKey(String name, byte[] secret) {
        return HmacSha256.mac(name.getBytes(StandardCharsets.US_ASCII), secret);
    }

    /**
     * The sender's keys for one hop.
     *
     * @param ephemeralKey the packet {@code public_key} this hop receives
     * @param sharedSecret {@code SHA256(ek_i * B_i)}
     */
    public record HopKeys(PublicKey ephemeralKey, byte[] sharedSecret) {

        public byte[] rho() {
            return generateKey("rho", sharedSecret);
        }

        public byte[] mu() {
            return generateKey("mu", sharedSecret);
        }
    }

    /** The ephemeral keys and shared secrets of every hop, from the session key (BOLT 4 "Packet Construction"). */
    public static List<HopKeys> hopKeys(PrivateKey sessionKey, List<PublicKey> hopNodeIds) {
        List<HopKeys> keys = new ArrayList<>(hopNodeIds.size());
        PrivateKey ephemeral = sessionKey;
        for (int i = 0; i < hopNodeIds.size(); i++) {
            PublicKey ephemeralKey = ephemeral.publicKey();
            byte[] sharedSecret = Ecdh.sharedSecret(ephemeral, hopNodeIds.get(i));
            keys.add(new HopKeys(ephemeralKey, sharedSecret));
            if (i + 1 < hopNodeIds.size()) {
                ephemeral = PrivateKey.of(Curves.get().multiplyScalars(
                        ephemeral.bytes(), Sha256.hash(ephemeralKey.bytes(), sharedSecret)));
            }
        }
        return keys;
    }

    /** The length a payload takes in the packet: BigSize length, payload, HMAC. */
    public static int shiftSize(int payloadLength) {
        return BigSize.encodedLength(payloadLength) + payloadLength + OnionMessagePacket.HMAC_LENGTH;
    }

    /**
     * Builds a packet carrying {@code payloads[i]} (each an {@code onionmsg_tlv}) to the hop whose
     * (blinded) node id is {@code hopNodeIds[i]}, in a payload area of {@code hopDataLength} bytes.
     * The initial bytes come from the stream of {@code HMAC256("pad", sessionKey)}, as BOLT 4 says.
     *
     * @throws IllegalArgumentException when the payloads do not fit
     */
    public static OnionMessagePacket create(PrivateKey sessionKey, List<PublicKey> hopNodeIds, List<byte[]> payloads,
            int hopDataLength) {
        if (hopNodeIds.isEmpty() || hopNodeIds.size() != payloads.size()) {
            throw new IllegalArgumentException("need one payload per hop, and at least one hop");
        }
        int total = payloads.stream().mapToInt(payload -> shiftSize(payload.length)).sum();
        if (total > hopDataLength) {
            throw new IllegalArgumentException("payloads need " + total + " bytes, more than " + hopDataLength);
        }
        List<HopKeys> keys = hopKeys(sessionKey, hopNodeIds);
        byte[] filler = filler(keys, payloads, hopDataLength);
        byte[] packet = ChaCha20.keystream(generateKey("pad", sessionKey.bytes()), ZERO_NONCE, hopDataLength);
        byte[] hmac = ZERO_HMAC;
        for (int i = payloads.size() - 1; i >= 0; i--) {
            byte[] payload = payloads.get(i);
            int shift = shiftSize(payload.length);
            System.arraycopy(packet, 0, packet, shift, hopDataLength - shift);
            byte[] length = BigSize.encode(payload.length);
            System.arraycopy(length, 0, packet, 0, length.length);
            System.arraycopy(payload, 0, packet, length.length, payload.length);
            System.arraycopy(hmac, 0, packet, length.length + payload.length, hmac.length);
            packet = ChaCha20.xor(keys.get(i).rho(), ZERO_NONCE, packet);
            if (i == payloads.size() - 1) {
                System.arraycopy(filler, 0, packet, hopDataLength - filler.length, filler.length);
            }
            hmac = HmacSha256.mac(keys.get(i).mu(), packet);
        }
        return new OnionMessagePacket(keys.get(0).ephemeralKey(), packet, hmac);
    }

    /**
     * BOLT 4 "Filler Generation": the bytes every hop but the last appends while peeling, as the
     * last hop will see them, so the sender can compute the HMACs over them.
     */
    static byte[] filler(List<HopKeys> keys, List<byte[]> payloads, int hopDataLength) {
        byte[] filler = new byte[0];
        int position = 0;
        for (int i = 0; i < payloads.size() - 1; i++) {
            int start = hopDataLength - position;
            position += shiftSize(payloads.get(i).length);
            byte[] stream = ChaCha20.keystream(keys.get(i).rho(), ZERO_NONCE, start, position);
            filler = Arrays.copyOf(filler, position);
            for (int j = 0; j < position; j++) {
                filler[j] ^= stream[j];
            }
        }
        return filler;
    }

    /**
     * One peeled layer.
     *
     * @param payload    this hop's {@code onionmsg_tlv}
     * @param nextPacket the packet for the next hop; empty when this hop is the last
     */
    public record Layer(byte[] payload, Optional<OnionMessagePacket> nextPacket) {

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /**
     * Peels one layer (BOLT 4 "Onion Decryption") with the shared secret of the packet's
     * {@code public_key} and our (blinded) node key: checks the HMAC in constant time, decrypts,
     * and takes this hop's payload off the front.
     */
    public static Layer peel(byte[] sharedSecret, OnionMessagePacket packet) throws DecodeException {
        byte[] hopData = packet.hopData();
        int hopDataLength = hopData.length;
        if (!MessageDigest.isEqual(HmacSha256.mac(generateKey("mu", sharedSecret), hopData), packet.hmac())) {
            throw new DecodeException("onion packet HMAC mismatch");
        }
        byte[] rho = generateKey("rho", sharedSecret);
        byte[] decrypted = ChaCha20.xor(rho, ZERO_NONCE, hopData);
        ByteReader reader = new ByteReader(decrypted);
        long payloadLength = reader.bigSize();
        int lengthBytes = decrypted.length - reader.remaining();
        if (payloadLength > hopDataLength - lengthBytes - OnionMessagePacket.HMAC_LENGTH) {
            throw new DecodeException("onion payload length " + payloadLength + " exceeds the " + hopDataLength
                    + "-byte packet");
        }
        int shift = lengthBytes + (int) payloadLength + OnionMessagePacket.HMAC_LENGTH;
        byte[] payload = Arrays.copyOfRange(decrypted, lengthBytes, lengthBytes + (int) payloadLength);
        byte[] nextHmac = Arrays.copyOfRange(decrypted, shift - OnionMessagePacket.HMAC_LENGTH, shift);
        if (Arrays.equals(nextHmac, ZERO_HMAC)) {
            return new Layer(payload, Optional.empty());
        }
        PublicKey nextKey = packet.publicKey().multiply(Sha256.hash(packet.publicKey().bytes(), sharedSecret));
        // The next hop's data: ours shifted left, then the keystream bytes that follow our hop data
        // (the zero padding, decrypted).
        byte[] nextHopData = Arrays.copyOfRange(decrypted, shift, shift + hopDataLength);
        byte[] tail = ChaCha20.keystream(rho, ZERO_NONCE, hopDataLength, shift);
        System.arraycopy(tail, 0, nextHopData, hopDataLength - shift, shift);
        return new Layer(payload, Optional.of(new OnionMessagePacket(nextKey, nextHopData, nextHmac)));
    }
}
