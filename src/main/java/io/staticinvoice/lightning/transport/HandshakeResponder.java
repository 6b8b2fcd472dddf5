package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.Ecdh;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;

import java.util.Arrays;

/**
 * The responder of a BOLT 8 handshake (the side that accepted the TCP connection): reads act
 * one, sends act two, reads act three and so learns the initiator's node id.
 */
public final class HandshakeResponder implements Handshake {

    private enum Step { ACT_ONE, ACT_THREE, COMPLETE }

    private final PrivateKey localStatic;
    private final PrivateKey ephemeral;
    private final SymmetricState state;
    private Step step = Step.ACT_ONE;
    private byte[] tempKey2;
    private PublicKey remoteEphemeral;
    private PublicKey remoteStatic;
    private TransportCipher cipher;

    /** A handshake answered with {@code localStatic} and a fresh random ephemeral key. */
    public HandshakeResponder(PrivateKey localStatic) {
        this(localStatic, PrivateKey.random());
    }

    /** A handshake with a given ephemeral key: only for BOLT 8's test vectors. */
    HandshakeResponder(PrivateKey localStatic, PrivateKey ephemeral) {
        this.localStatic = localStatic;
        this.ephemeral = ephemeral;
        this.state = new SymmetricState(localStatic.publicKey());
    }

    /** The responder speaks only after act one. */
    @Override
    public byte[] start() {
        return new byte[0];
    }

    @Override
    public int nextActLength() {
        return switch (step) {
            case ACT_ONE -> ACT_ONE_LENGTH;
            case ACT_THREE -> ACT_THREE_LENGTH;
            case COMPLETE -> 0;
        };
    }

    @Override
    public byte[] receive(byte[] act) throws DecodeException {
        return switch (step) {
            case ACT_ONE -> receiveActOne(act);
            case ACT_THREE -> receiveActThree(act);
            case COMPLETE -> throw new IllegalStateException("handshake already complete");
        };
    }

    /** Act one ({@code -> e, es}) in, act two ({@code <- e, ee}) out. */
    private byte[] receiveActOne(byte[] actOne) throws DecodeException {
        remoteEphemeral = Acts.parseEphemeralAct("act one", actOne);
        state.mixHash(remoteEphemeral.bytes());
        byte[] tempKey1 = state.mixKey(Ecdh.sharedSecret(localStatic, remoteEphemeral));
        state.decryptAndHash(tempKey1, 0, Arrays.copyOfRange(actOne, 34, ACT_ONE_LENGTH));

        byte[] ephemeralPublic = ephemeral.publicKey().bytes();
        state.mixHash(ephemeralPublic);
        tempKey2 = state.mixKey(Ecdh.sharedSecret(ephemeral, remoteEphemeral));
        byte[] tag = state.encryptAndHash(tempKey2, 0, new byte[0]);
        step = Step.ACT_THREE;
        return Acts.concat(new byte[] {VERSION}, ephemeralPublic, tag);
    }

    /** Act three ({@code -> s, se}): recovers and authenticates the initiator's static key. */
    private byte[] receiveActThree(byte[] actThree) throws DecodeException {
        Acts.checkHeader("act three", actThree, ACT_THREE_LENGTH);
        byte[] staticKey = state.decryptAndHash(tempKey2, 1, Arrays.copyOfRange(actThree, 1, 50));
        try {
            remoteStatic = PublicKey.parse(staticKey);
        } catch (DecodeException e) {
            throw new DecodeException("act three: invalid static key: " + e.getMessage(), e);
        }
        byte[] tempKey3 = state.mixKey(Ecdh.sharedSecret(ephemeral, remoteStatic));
        state.decryptAndHash(tempKey3, 0, Arrays.copyOfRange(actThree, 50, ACT_THREE_LENGTH));
        cipher = state.split(false);
        step = Step.COMPLETE;
        return new byte[0];
    }

    @Override
    public boolean isComplete() {
        return step == Step.COMPLETE;
    }

    @Override
    public PublicKey remoteStatic() {
        if (remoteStatic == null) {
            throw new IllegalStateException("the initiator's key is known only after act three");
        }
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
