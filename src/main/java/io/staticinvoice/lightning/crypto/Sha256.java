package io.staticinvoice.lightning.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 from the JDK provider, one reusable {@link MessageDigest} per thread; also the
 * BIP-340 tagged hash that BOLT 12 reuses for its merkle tree and signatures.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    /** SHA256 of the concatenation of {@code parts}. */
    public static byte[] hash(byte[]... parts) {
        MessageDigest digest = DIGEST.get();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** BIP-340 {@code hash_tag(x) = SHA256(SHA256(tag) || SHA256(tag) || x)}, x the concatenated parts. */
    public static byte[] tagged(byte[] tag, byte[]... parts) {
        byte[] tagHash = hash(tag);
        MessageDigest digest = DIGEST.get();
        digest.update(tagHash);
        digest.update(tagHash);
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
