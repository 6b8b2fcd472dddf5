package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.BigSize;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The BOLT 12 merkle root of a TLV stream and the tagged hashes built on it (BOLT 12 "Signature
 * Calculation"; rust-lightning {@code lightning/src/offers/merkle.rs}). Each non-signature record
 * contributes a leaf {@code H("LnLeaf", record)} paired with a nonce leaf
 * {@code H("LnNonce"||first-record, type)}; inner nodes are {@code H("LnBranch", lesser||greater)},
 * with the deeper subtrees on the lowest-order leaves. {@code H(tag, msg)} is
 * {@code SHA256(SHA256(tag) || SHA256(tag) || msg)} as in BIP-340.
 */
public final class Merkle {

    private static final byte[] LEAF_TAG = Sha256.hash(ascii("LnLeaf"));
    private static final byte[] BRANCH_TAG = Sha256.hash(ascii("LnBranch"));
    private static final byte[] NONCE_TAG_PREFIX = ascii("LnNonce");

    private Merkle() {
    }

    /**
     * The merkle root over {@code records} (in stream order), ignoring signature-range records
     * (240..1000); the nonce tag uses the first record of the list.
     *
     * @throws IllegalArgumentException if no record is outside the signature range
     */
    public static byte[] root(List<TlvRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("merkle root of an empty TLV stream");
        }
        byte[] nonceTag = Sha256.hash(NONCE_TAG_PREFIX, recordBytes(records.get(0)));
        List<byte[]> leaves = new ArrayList<>(records.size() * 2);
        for (TlvRecord record : records) {
            if (!TlvRange.SIGNATURE.contains(record.type())) {
                leaves.add(taggedHashWithTagHash(LEAF_TAG, recordBytes(record)));
                leaves.add(taggedHashWithTagHash(nonceTag, BigSize.encode(record.type())));
            }
        }
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("merkle root of a TLV stream holding only signatures");
        }
        int count = leaves.size();
        for (int offset = 1; offset < count; offset *= 2) {
            for (int left = 0; left + offset < count; left += 2 * offset) {
                leaves.set(left, branch(leaves.get(left), leaves.get(left + offset)));
            }
        }
        return leaves.get(0);
    }

    /** {@code H(tag, message)} = SHA256(SHA256(tag) || SHA256(tag) || message). */
    public static byte[] taggedHash(String tag, byte[] message) {
        return taggedHashWithTagHash(Sha256.hash(ascii(tag)), message);
    }

    /** The digest a BOLT 12 signature signs: {@code H(tag, merkle root of records)}. */
    public static byte[] signatureDigest(String tag, List<TlvRecord> records) {
        return taggedHash(tag, root(records));
    }

    private static byte[] branch(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) < 0
                ? Sha256.hash(BRANCH_TAG, BRANCH_TAG, a, b)
                : Sha256.hash(BRANCH_TAG, BRANCH_TAG, b, a);
    }

    private static byte[] taggedHashWithTagHash(byte[] tagHash, byte[] message) {
        return Sha256.hash(tagHash, tagHash, message);
    }

    private static byte[] recordBytes(TlvRecord record) {
        byte[] value = record.value();
        byte[] type = BigSize.encode(record.type());
        byte[] length = BigSize.encode(value.length);
        byte[] out = new byte[type.length + length.length + value.length];
        System.arraycopy(type, 0, out, 0, type.length);
        System.arraycopy(length, 0, out, type.length, length.length);
        System.arraycopy(value, 0, out, type.length + length.length, value.length);
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
