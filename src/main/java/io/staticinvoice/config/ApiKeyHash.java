package io.staticinvoice.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The SHA-256 digest of an admin API key: the only form in which a key is kept in memory.
 * Configuration binding turns each {@code sis.admin.api-keys[N].key} string into one through
 * {@link #of(String)}, so the plaintext never reaches a bean; {@link #toString()} reveals nothing.
 *
 * @param sha256    SHA-256 of the key's UTF-8 bytes
 * @param keyLength the key's length in characters, for the minimum-length check
 */
public record ApiKeyHash(byte[] sha256, int keyLength) {

    public ApiKeyHash {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        sha256 = sha256.clone();
    }

    /** Hashes a configured or presented key. */
    public static ApiKeyHash of(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return new ApiKeyHash(digest, key.length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Compares the digests in constant time. */
    public boolean matches(ApiKeyHash other) {
        return MessageDigest.isEqual(sha256, other.sha256);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyHash that && matches(that);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "ApiKeyHash[hidden]";
    }
}
