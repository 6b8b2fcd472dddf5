package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.Hex;

import java.util.Arrays;

/**
 * A 32-byte {@code channel_id} (BOLT 2) as {@code error} and {@code warning} carry it; all
 * zeros means "every channel" or "no channel in particular" (BOLT 1).
 */
public record ChannelId(byte[] bytes) {

    public static final int LENGTH = 32;

    /** The all-zero id: the message concerns the connection, not one channel. */
    public static final ChannelId ALL = new ChannelId(new byte[LENGTH]);

    public ChannelId {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("channel id must be 32 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
