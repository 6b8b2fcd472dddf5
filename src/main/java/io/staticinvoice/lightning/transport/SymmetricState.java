package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.ChaCha20Poly1305;
import io.staticinvoice.lightning.crypto.Hkdf;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.crypto.Sha256;

import java.nio.charset.StandardCharsets;

/**
 * The running chaining key {@code ck} and handshake hash {@code h} of a BOLT 8 handshake
 * ("Handshake State" and "Handshake State Initialization"), with the Noise operations both
 * roles perform on them.
 */
final class SymmetricState {

    private static final byte[] PROTOCOL_NAME =
            "Noise_XK_secp256k1_ChaChaPoly_SHA256".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROLOGUE = "lightning".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private byte[] chainingKey;
    private byte[] handshakeHash;

    /** {@code h = SHA-256(protocolName)}, {@code ck = h}, then the prologue and the responder's static key. */
    SymmetricState(PublicKey responderStatic) {
        byte[] initial = Sha256.hash(PROTOCOL_NAME);
        chainingKey = initial;
        handshakeHash = Sha256.hash(initial, PROLOGUE);
        mixHash(responderStatic.bytes());
    }

    void mixHash(byte[] data) {
        handshakeHash = Sha256.hash(handshakeHash, data);
    }

    /** {@code ck, temp_k = HKDF(ck, ss)}; returns {@code temp_k}. */
    byte[] mixKey(byte[] sharedSecret) {
        Hkdf.TwoKeys keys = Hkdf.extractExpand2(chainingKey, sharedSecret);
        chainingKey = keys.first();
        return keys.second();
    }

    /** {@code c = encryptWithAD(k, n, h, plaintext)}, then {@code h = SHA-256(h || c)}. */
    byte[] encryptAndHash(byte[] key, long nonce, byte[] plaintext) {
        byte[] ciphertext = ChaCha20Poly1305.encrypt(key, ChaCha20Poly1305.bolt8Nonce(nonce), handshakeHash, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    /** {@code p = decryptWithAD(k, n, h, c)}, then {@code h = SHA-256(h || c)}. */
    byte[] decryptAndHash(byte[] key, long nonce, byte[] ciphertext) throws DecodeException {
        byte[] plaintext = ChaCha20Poly1305.decrypt(key, ChaCha20Poly1305.bolt8Nonce(nonce), handshakeHash, ciphertext);
        mixHash(ciphertext);
        return plaintext;
    }

    /**
     * The final {@code HKDF(ck, zero)}: the first key encrypts the initiator's messages, the
     * second the responder's.
     */
    TransportCipher split(boolean initiator) {
        Hkdf.TwoKeys keys = Hkdf.extractExpand2(chainingKey, EMPTY);
        return initiator
                ? new TransportCipher(chainingKey, keys.first(), keys.second())
                : new TransportCipher(chainingKey, keys.second(), keys.first());
    }
}
