package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvStream;

/**
 * {@code ping} (type 18, BOLT 1 "The ping and pong Messages"): asks for a {@link Pong} of
 * {@code numPongBytes} zero bytes, padded with {@code ignoredLength} zero bytes itself.
 * A ping asking for 65532 or more bytes must not be answered.
 */
public record Ping(int numPongBytes, int ignoredLength, TlvStream extension) implements LightningMessage {

    public static final int TYPE = 18;
    /** Pings asking for this many pong bytes or more get no answer. */
    public static final int NO_PONG_THRESHOLD = 65532;

    public Ping {
        checkU16("num_pong_bytes", numPongBytes);
        checkU16("byteslen", ignoredLength);
    }

    public Ping(int numPongBytes, int ignoredLength) {
        this(numPongBytes, ignoredLength, TlvStream.empty());
    }

    /** Whether BOLT 1 requires an answer. */
    public boolean expectsPong() {
        return numPongBytes < NO_PONG_THRESHOLD;
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public void writePayload(ByteWriter writer) {
        writer.u16(numPongBytes).u16(ignoredLength).bytes(new byte[ignoredLength]).bytes(extension.encode());
    }

    static Ping read(ByteReader reader) throws DecodeException {
        int numPongBytes = reader.u16();
        int ignoredLength = reader.u16();
        reader.bytes(ignoredLength);
        return new Ping(numPongBytes, ignoredLength, LightningMessage.readExtension(reader));
    }

    static void checkU16(String field, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(field + " must be a u16, got " + value);
        }
    }
}
