package io.staticinvoice.server;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.ChaCha20Poly1305;
import io.staticinvoice.lightning.crypto.Hkdf;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * Seals a {@link PathContext} into the path_id bytes of the server's blinded paths and opens it
 * again: ChaCha20-Poly1305 under a key derived from the node key with HKDF and a purpose label,
 * with a random 12-byte nonce in front. Anything that fails authentication is refused, so a
 * forged recipient id never reaches the database.
 *
 * <p>Plaintext layout: {@code version u8 = 1 | kind u8 | slot u16 | expiry u64 (unix seconds,
 * 0 = never) | recipient id (rest)}.
 */
public final class PathContextCodec {

    private static final byte[] PURPOSE = "static-invoice-server/path-context/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int NONCE_LENGTH = 12;
    private static final PathContext.Kind[] KINDS = PathContext.Kind.values();

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    public PathContextCodec(PrivateKey nodeKey) {
        this.key = Hkdf.extractExpand2(PURPOSE, nodeKey.bytes()).first();
    }

    public byte[] seal(PathContext context) {
        ByteWriter plain = new ByteWriter();
        plain.u8(VERSION);
        plain.u8(context.kind().ordinal());
        plain.u16(context.slot());
        plain.u64(context.expiresAt().equals(Instant.MAX) ? 0 : context.expiresAt().getEpochSecond());
        plain.bytes(context.recipientId());
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] sealed = ChaCha20Poly1305.encrypt(key, nonce, new byte[0], plain.toByteArray());
        ByteWriter out = new ByteWriter();
        out.bytes(nonce);
        out.bytes(sealed);
        return out.toByteArray();
    }

    /** Authenticates and decodes; throws with a reason when the bytes are not a context we sealed. */
    public PathContext open(byte[] pathId) throws DecodeException {
        if (pathId.length < NONCE_LENGTH + ChaCha20Poly1305.TAG_LENGTH) {
            throw new DecodeException("path context too short: " + pathId.length + " bytes");
        }
        ByteReader sealed = new ByteReader(pathId);
        byte[] nonce = sealed.bytes(NONCE_LENGTH);
        ByteReader plain = new ByteReader(ChaCha20Poly1305.decrypt(key, nonce, new byte[0], sealed.rest()));
        int version = plain.u8();
        if (version != VERSION) {
            throw new DecodeException("unknown path context version " + version);
        }
        int kind = plain.u8();
        if (kind >= KINDS.length) {
            throw new DecodeException("unknown path context kind " + kind);
        }
        int slot = plain.u16();
        long expiry = plain.u64();
        if (expiry < 0 || expiry > Instant.MAX.getEpochSecond()) {
            throw new DecodeException("path context expiry out of range: " + Long.toUnsignedString(expiry));
        }
        byte[] recipientId = plain.rest();
        if (recipientId.length == 0 || recipientId.length > PathContext.MAX_RECIPIENT_ID_BYTES) {
            throw new DecodeException("recipient id of " + recipientId.length + " bytes");
        }
        Instant expiresAt = expiry == 0 ? Instant.MAX : Instant.ofEpochSecond(expiry);
        return new PathContext(KINDS[kind], recipientId, slot, expiresAt);
    }
}
