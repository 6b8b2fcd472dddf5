package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PublicKey;

/**
 * One side of the BOLT 8 {@code Noise_XK_secp256k1_ChaChaPoly_SHA256} handshake, as a state
 * machine over the three fixed-size acts ("Handshake Exchange"): the connection first sends
 * {@link #start()}, then repeatedly reads exactly {@link #nextActLength()} bytes, hands them
 * to {@link #receive(byte[])} and sends what it returns, until {@link #isComplete()}.
 *
 * <p>Instances are single-use and not thread-safe: one per connection attempt.
 */
public sealed interface Handshake permits HandshakeInitiator, HandshakeResponder {

    /** Length of act one and act two: version, compressed ephemeral key, MAC. */
    int ACT_ONE_LENGTH = 50;
    /** Length of act two. */
    int ACT_TWO_LENGTH = 50;
    /** Length of act three: version, encrypted static key with its MAC, final MAC. */
    int ACT_THREE_LENGTH = 66;
    /** The only handshake version defined ("Handshake Versioning"). */
    int VERSION = 0;

    /** Bytes to send as soon as the connection is up: act one for the initiator, nothing for the responder. */
    byte[] start();

    /** How many bytes the next act read from the peer has, or 0 once the handshake is complete. */
    int nextActLength();

    /**
     * Processes the next act from the peer and returns the bytes to send in answer (act two
     * or act three; empty when the responder has read act three).
     *
     * @throws DecodeException when the act has the wrong length, an unknown version, an
     *         invalid key or a failing MAC; the connection must then be closed without a word
     */
    byte[] receive(byte[] act) throws DecodeException;

    boolean isComplete();

    /** The peer's static key (its node id); the initiator knows it from the start. */
    PublicKey remoteStatic();

    /** The session's message cipher, available once {@link #isComplete()}. */
    TransportCipher cipher();
}
