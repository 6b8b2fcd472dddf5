package io.staticinvoice.lightning.crypto;

/**
 * Lightning's ECDH (BOLT 4 "Shared Secret", BOLT 8 {@code ECDH(k, rk)}): SHA256 of the
 * compressed point {@code k * P}.
 */
public final class Ecdh {

    private Ecdh() {
    }

    public static byte[] sharedSecret(PrivateKey key, PublicKey point) {
        return Curves.get().ecdh(point.curveForm(), key.bytes());
    }
}
