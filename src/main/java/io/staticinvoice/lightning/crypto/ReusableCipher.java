package io.staticinvoice.lightning.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * One JDK {@link Cipher} per thread for a ChaCha20 transformation, re-initialised for each
 * message. The JDK's ChaCha20 ciphers refuse to be initialised again with the key and nonce
 * of their previous initialisation (a guard against keystream reuse); Lightning legitimately
 * repeats a key/nonce pair (Sphinx's zero nonce, decrypting what this thread just encrypted),
 * so on that refusal the thread gets a fresh instance.
 */
final class ReusableCipher {

    private final String transformation;
    private final ThreadLocal<Cipher> perThread;

    ReusableCipher(String transformation) {
        this.transformation = transformation;
        this.perThread = ThreadLocal.withInitial(this::newCipher);
    }

    /** This thread's cipher, initialised for {@code mode} with a 32-byte ChaCha20 key. */
    Cipher init(int mode, byte[] key32, AlgorithmParameterSpec params) {
        if (key32.length != 32) {
            throw new IllegalArgumentException("ChaCha20 key must be 32 bytes");
        }
        SecretKeySpec key = new SecretKeySpec(key32, "ChaCha20");
        Cipher cipher = perThread.get();
        try {
            try {
                cipher.init(mode, key, params);
            } catch (InvalidKeyException sameKeyAndNonceAsLastTime) {
                cipher = newCipher();
                perThread.set(cipher);
                cipher.init(mode, key, params);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise " + transformation, e);
        }
        return cipher;
    }

    private Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + transformation, e);
        }
    }
}
