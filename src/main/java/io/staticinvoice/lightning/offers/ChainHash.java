package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.Hex;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A chain's genesis block hash in the byte order BOLT 12 uses for {@code offer_chains} and
 * {@code invreq_chain} ({@code chain_hash}, BOLT 1 "Fundamental Types"). An offer without
 * {@code offer_chains} implies bitcoin mainnet, {@link #BITCOIN}.
 */
public record ChainHash(byte[] bytes) {

    /** Length of a chain hash in bytes. */
    public static final int LENGTH = 32;

    /** Bitcoin mainnet. */
    public static final ChainHash BITCOIN =
            new ChainHash(hex("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000"));

    public ChainHash {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a chain hash is " + LENGTH + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChainHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
