package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.FixedBytes;
import io.staticinvoice.lightning.codec.Hex;

import java.util.Locale;

/**
 * A 32-byte chain identifier ({@code chain_hash}, BOLT 0): the hash of the chain's genesis
 * block, in the byte order Lightning messages carry it. Used in {@code init}'s {@code networks}.
 */
public final class ChainHash extends FixedBytes {

    /** Length of a chain hash in bytes. */
    public static final int LENGTH = 32;

    public static final ChainHash BITCOIN = fixed("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000");
    public static final ChainHash TESTNET = fixed("43497fd7f826957108f4a30fd9cec3aeba79972084e90ead01ea330900000000");
    public static final ChainHash SIGNET = fixed("f61eee3b63a380a477a063af32b2bbc97c9ff9f01f2c4225e973988108000000");
    public static final ChainHash REGTEST = fixed("06226e46111a0b59caaf126043eb5bbf28c34f3a5e332a1fc7b2b73cf188910f");

    /** Copies the 32 bytes of a chain hash. */
    public ChainHash(byte[] bytes) {
        super(bytes, LENGTH, "a chain hash");
    }

    /**
     * The chain of a network name as Bitcoin Core spells it: {@code bitcoin} (or {@code mainnet}),
     * {@code testnet}, {@code signet}, {@code regtest}.
     */
    public static ChainHash forNetwork(String network) {
        return switch (network.toLowerCase(Locale.ROOT)) {
            case "bitcoin", "mainnet" -> BITCOIN;
            case "testnet" -> TESTNET;
            case "signet" -> SIGNET;
            case "regtest" -> REGTEST;
            default -> throw new IllegalArgumentException("unknown network " + network);
        };
    }

    private static ChainHash fixed(String hex) {
        try {
            return new ChainHash(Hex.decode(hex));
        } catch (DecodeException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
