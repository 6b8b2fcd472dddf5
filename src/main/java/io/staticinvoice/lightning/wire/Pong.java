package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvStream;

/**
 * {@code pong} (type 19, BOLT 1 "The ping and pong Messages"): the answer to a {@link Ping},
 * carrying as many ignored zero bytes as the ping asked for.
 */
public record Pong(int ignoredLength, TlvStream extension) implements LightningMessage {

    public static final int TYPE = 19;

    public Pong {
        Ping.checkU16("byteslen", ignoredLength);
    }

    public Pong(int ignoredLength) {
        this(ignoredLength, TlvStream.empty());
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "pong";
    }

    @Override
    public void writePayload(ByteWriter writer) {
        writer.u16(ignoredLength).bytes(new byte[ignoredLength]).bytes(extension.encode());
    }

    static Pong read(ByteReader reader) throws DecodeException {
        int ignoredLength = reader.u16();
        reader.bytes(ignoredLength);
        return new Pong(ignoredLength, LightningMessage.readExtension(reader));
    }
}
