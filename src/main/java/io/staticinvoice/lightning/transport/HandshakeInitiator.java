package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.Ecdh;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;

import java.util.Arrays;

/**
 * The initiator of a BOLT 8 handshake (the side that opens the TCP connection and already
 * knows the responder's node id): sends act one, reads act two, sends act three.
 */
public final class HandshakeInitiator implements Handshake {

    private enum Step { ACT_ONE, ACT_TWO, COMPLETE }

    private final PrivateKey localStatic;
    private final PublicKey remoteStatic;
    private final PrivateKey ephemeral;
    private final SymmetricState state;
    private Step step = Step.ACT_ONE;
    private TransportCipher cipher;

    /** A handshake to {@code remoteStatic} with a fresh random ephemeral key. */
    public HandshakeInitiator(PrivateKey localStatic, PublicKey remoteStatic) {
        this(localStatic, remoteStatic, PrivateKey.random());
    }

    /** A handshake with a given ephemeral key: only for BOLT 8's test vectors. */
    HandshakeInitiator(PrivateKey localStatic, PublicKey remoteStatic, PrivateKey ephemeral) {
        this.localStatic = localStatic;
        this.remoteStatic = remoteStatic;
        this.ephemeral = ephemeral;
        this.state = new SymmetricState(remoteStatic);
    }

    /** Act one: {@code -> e, es}. */
    @Override
    public byte[] start() {
        if (step != Step.ACT_ONE) {
            throw new IllegalStateException("act one was already sent");
        }
        byte[] ephemeralPublic = ephemeral.publicKey().bytes();
        state.mixHash(ephemeralPublic);
        byte[] tempKey1 = state.mixKey(Ecdh.sharedSecret(ephemeral, remoteStatic));
        byte[] tag = state.encryptAndHash(tempKey1, 0, new byte[0]);
        step = Step.ACT_TWO;
        return Acts.concat(new byte[] {VERSION}, ephemeralPublic, tag);
    }

    @Override
    public int nextActLength() {
        return step == Step.ACT_TWO ? ACT_TWO_LENGTH : 0;
    }

    /** Reads act two ({@code <- e, ee}) and returns act three ({@code -> s, se}). */
    @Override
    public byte[] receive(byte[] actTwo) throws DecodeException {
        if (step != Step.ACT_TWO) {
            throw new IllegalStateException("not waiting for act two, at " + step);
        }
        PublicKey remoteEphemeral = Acts.parseEphemeralAct("act two", actTwo);
        state.mixHash(remoteEphemeral.bytes());
        byte[] tempKey2 = state.mixKey(Ecdh.sharedSecret(ephemeral, remoteEphemeral));
        state.decryptAndHash(tempKey2, 0, Arrays.copyOfRange(actTwo, 34, ACT_TWO_LENGTH));

        byte[] encryptedStatic = state.encryptAndHash(tempKey2, 1, localStatic.publicKey().bytes());
        byte[] tempKey3 = state.mixKey(Ecdh.sharedSecret(localStatic, remoteEphemeral));
        byte[] tag = state.encryptAndHash(tempKey3, 0, new byte[0]);
        cipher = state.split(true);
        step = Step.COMPLETE;
        return Acts.concat(new byte[] {VERSION}, encryptedStatic, tag);
    }

    @Override
    public boolean isComplete() {
        return step == Step.COMPLETE;
    }

    @Override
    public PublicKey remoteStatic() {
        return remoteStatic;
    }

    @Override
    public TransportCipher cipher() {
        if (cipher == null) {
            throw new IllegalStateException("handshake not complete");
        }
        return cipher;
    }
}
