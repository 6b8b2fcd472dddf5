package io.staticinvoice.server;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.ChaCha20Poly1305;
import io.staticinvoice.lightning.crypto.Hkdf;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes a {@link PathContext} as the path_id bytes of the server's blinded paths and reads it
 * back. The path_id sits in the final hop's encrypted data, which only this node can decrypt and
 * which the gateway hands over only when it authenticates under the node's receive key, so the
 * context needs no encryption or tag of its own and is written compactly (version 2, 12 to 20
 * bytes): {@code 0x20 | kind (u8) | slot (u16) | expiry (u32 unix seconds, 0 = never) |
 * recipient id check (u32) | recipient key (BigSize, the rest)}. Expiries past 2106 are written
 * as 2106-02-07, the largest u32.
 *
 * <p>Paths issued before carry version 1 contexts, at least {@value #V1_MIN_LENGTH} bytes, sealed
 * with ChaCha20-Poly1305 under a key derived from the node key with HKDF: a random 12-byte nonce,
 * then the sealed {@code 1 | kind u8 | slot u16 | expiry u64 | recipient id}. They are still
 * opened, so wallets' server paths and offers in the wild keep working.
 */
public final class PathContextCodec {

    private static final int V2_HEADER = 0x20;
    private static final int V2_MAX_LENGTH = 1 + 2 + 4 + 4 + 9;
    private static final long MAX_EXPIRY = 0xFFFF_FFFFL;

    private static final byte[] V1_PURPOSE = "static-invoice-server/path-context/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int V1_VERSION = 1;
    private static final int V1_NONCE_LENGTH = 12;
    private static final long MAX_V1_EXPIRY = Instant.MAX.getEpochSecond();
    private static final int V1_MIN_LENGTH = V1_NONCE_LENGTH + ChaCha20Poly1305.TAG_LENGTH + 1 + 1 + 2 + 8 + 1;

    private static final PathContext.Kind[] KINDS = PathContext.Kind.values();

    private final byte[] v1Key;

    public PathContextCodec(PrivateKey nodeKey) {
        this.v1Key = Hkdf.extractExpand2(V1_PURPOSE, nodeKey.bytes()).first();
    }

    /** The compact (version 2) path_id of a context for a stored recipient. */
    public byte[] write(PathContext context) {
        if (!(context.recipient() instanceof RecipientReference.ByKey recipient)) {
            throw new IllegalArgumentException("new paths name their recipient by key, not " + context.recipient());
        }
        long expiry = context.expiresAt().equals(Instant.MAX) ? 0
                : Math.max(1, Math.min(MAX_EXPIRY, context.expiresAt().getEpochSecond()));
        return new ByteWriter(V2_MAX_LENGTH)
                .u8(V2_HEADER | context.kind().ordinal())
                .u16(context.slot())
                .u32(expiry)
                .u32(recipient.idCheck() & 0xFFFF_FFFFL)
                .bigSize(recipient.key())
                .toByteArray();
    }

    /** Decodes a path_id of either version; throws with a reason when it is not a context of ours. */
    public PathContext read(byte[] pathId) throws DecodeException {
        return pathId.length >= V1_MIN_LENGTH ? openV1(pathId) : readV2(pathId);
    }

    private static PathContext readV2(byte[] pathId) throws DecodeException {
        if (pathId.length > V2_MAX_LENGTH) {
            throw new DecodeException("path context of " + pathId.length + " bytes is neither version 1 nor 2");
        }
        ByteReader reader = new ByteReader(pathId);
        int header = reader.u8();
        if ((header & 0xF0) != V2_HEADER) {
            throw new DecodeException("unknown path context version " + (header >>> 4));
        }
        PathContext.Kind kind = kind(header & 0x0F);
        int slot = reader.u16();
        long expiry = reader.u32();
        int idCheck = (int) reader.u32();
        long key = reader.bigSize();
        if (reader.hasRemaining()) {
            throw new DecodeException(reader.remaining() + " bytes after the recipient key");
        }
        if (key <= 0) {
            throw new DecodeException("recipient key " + Long.toUnsignedString(key) + " out of range");
        }
        Instant expiresAt = expiry == 0 ? Instant.MAX : Instant.ofEpochSecond(expiry);
        return new PathContext(kind, new RecipientReference.ByKey(key, idCheck), slot, expiresAt);
    }

    private PathContext openV1(byte[] pathId) throws DecodeException {
        ByteReader sealed = new ByteReader(pathId);
        byte[] nonce = sealed.bytes(V1_NONCE_LENGTH);
        ByteReader plain = new ByteReader(ChaCha20Poly1305.decrypt(v1Key, nonce, new byte[0], sealed.rest()));
        int version = plain.u8();
        if (version != V1_VERSION) {
            throw new DecodeException("unknown path context version " + version);
        }
        PathContext.Kind kind = kind(plain.u8());
        int slot = plain.u16();
        long expiry = plain.u64();
        byte[] recipientId = plain.rest();
        if (recipientId.length == 0 || recipientId.length > PathContext.MAX_RECIPIENT_ID_BYTES) {
            throw new DecodeException("recipient id of " + recipientId.length + " bytes");
        }
        if (expiry < 0 || expiry > MAX_V1_EXPIRY) {
            throw new DecodeException("expiry " + Long.toUnsignedString(expiry) + " out of range");
        }
        Instant expiresAt = expiry == 0 ? Instant.MAX : Instant.ofEpochSecond(expiry);
        return new PathContext(kind, new RecipientReference.ById(recipientId), slot, expiresAt);
    }

    private static PathContext.Kind kind(int ordinal) throws DecodeException {
        if (ordinal >= KINDS.length) {
            throw new DecodeException("unknown path context kind " + ordinal);
        }
        return KINDS[ordinal];
    }
}
