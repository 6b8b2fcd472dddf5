package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;

/**
 * The encrypted framing of an established BOLT 8 session ("Encrypting and Sending Messages",
 * "Receiving and Decrypting Messages"): every Lightning message travels as an 18-byte
 * encrypted length (2 bytes + MAC) followed by the encrypted message and its MAC. Sending and
 * receiving keys rotate independently every 1000 nonces.
 *
 * <p>Not thread-safe: each direction must be used by one thread at a time (in the gateway,
 * the connection's event loop).
 */
public final class TransportCipher {

    /** The largest Lightning message (BOLT 8: the length prefix is a u16). */
    public static final int MAX_MESSAGE_LENGTH = 65535;
    /** Size of a Poly1305 tag. */
    public static final int MAC_LENGTH = 16;
    /** Size of the encrypted length prefix: 2 bytes and their MAC. */
    public static final int LENGTH_HEADER_LENGTH = 2 + MAC_LENGTH;

    private final CipherState sending;
    private final CipherState receiving;

    /** Keys at the end of act three; both directions start from the same chaining key. */
    TransportCipher(byte[] chainingKey, byte[] sendingKey, byte[] receivingKey) {
        this.sending = new CipherState(chainingKey, sendingKey);
        this.receiving = new CipherState(chainingKey, receivingKey);
    }

    /** Encrypts one message into {@code lc || c}, {@code 18 + length + 16} bytes. */
    public byte[] encrypt(byte[] message) {
        if (message.length > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("a Lightning message is at most 65535 bytes, got " + message.length);
        }
        byte[] length = {(byte) (message.length >>> 8), (byte) message.length};
        byte[] header = sending.encrypt(length);
        byte[] body = sending.encrypt(message);
        return Acts.concat(header, body);
    }

    /**
     * Decrypts the next 18-byte length header and returns the length of the message that
     * follows (its ciphertext is that many bytes plus {@link #MAC_LENGTH}).
     */
    public int decryptLength(byte[] header) throws DecodeException {
        if (header.length != LENGTH_HEADER_LENGTH) {
            throw new DecodeException("length header must be 18 bytes, got " + header.length);
        }
        byte[] length = receiving.decrypt(header);
        return ((length[0] & 0xff) << 8) | (length[1] & 0xff);
    }

    /** Decrypts the message body that follows a length header. */
    public byte[] decryptMessage(byte[] ciphertext) throws DecodeException {
        if (ciphertext.length < MAC_LENGTH) {
            throw new DecodeException("message ciphertext shorter than its MAC: " + ciphertext.length + " bytes");
        }
        return receiving.decrypt(ciphertext);
    }
}
