package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.FixedBytes;

/**
 * A 32-byte {@code channel_id} (BOLT 2) as {@code error} and {@code warning} carry it; all
 * zeros means "every channel" or "no channel in particular" (BOLT 1).
 */
public final class ChannelId extends FixedBytes {

    /** Length of a channel id in bytes. */
    public static final int LENGTH = 32;

    /** The all-zero id: the message concerns the connection, not one channel. */
    public static final ChannelId ALL = new ChannelId(new byte[LENGTH]);

    /** Copies the 32 bytes of a channel id. */
    public ChannelId(byte[] bytes) {
        super(bytes, LENGTH, "a channel id");
    }
}
