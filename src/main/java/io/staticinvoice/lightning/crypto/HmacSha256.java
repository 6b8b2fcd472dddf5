package io.staticinvoice.lightning.crypto;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 (RFC 2104) from the JDK provider, one reusable {@link Mac} per thread (BOLT 4, BOLT 8 HKDF). */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(HmacSha256::newMac);

    private HmacSha256() {
    }

    /** HMAC-SHA256 under {@code key} of the concatenation of {@code parts}. */
    public static byte[] mac(byte[] key, byte[]... parts) {
        Mac mac = MAC.get();
        try {
            // HMAC zero-pads keys to the block size, so an empty key equals one zero byte
            // (the JDK refuses empty key specs).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable HMAC key", e);
        }
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }
}
