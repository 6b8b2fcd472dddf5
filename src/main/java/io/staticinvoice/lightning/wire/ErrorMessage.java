package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvStream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code warning} (type 1) or {@code error} (type 17), BOLT 1 "The error and warning
 * Messages": both carry a channel id and free-form data. An error makes further communication
 * unusable; a warning is only logged.
 */
public record ErrorMessage(Level level, ChannelId channelId, byte[] data, TlvStream extension)
        implements LightningMessage {

    public static final int TYPE_WARNING = 1;
    public static final int TYPE_ERROR = 17;

    /** Which of the two messages this is. */
    public enum Level {
        WARNING(TYPE_WARNING),
        ERROR(TYPE_ERROR);

        private final int type;

        Level(int type) {
            this.type = type;
        }
    }

    public ErrorMessage {
        if (data.length > 0xffff) {
            throw new IllegalArgumentException("data longer than a u16 length");
        }
        data = data.clone();
    }

    /** A message about the whole connection with a human-readable ASCII text. */
    public static ErrorMessage of(Level level, String text) {
        return new ErrorMessage(level, ChannelId.ALL, text.getBytes(StandardCharsets.US_ASCII), TlvStream.empty());
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * The data for a log line: verbatim when it is all printable ASCII (bytes 32 to 126),
     * else hex, as BOLT 1 asks.
     */
    public String printableData() {
        for (byte b : data) {
            if (b < 32 || b > 126) {
                return "hex:" + Hex.encode(data);
            }
        }
        return new String(data, StandardCharsets.US_ASCII);
    }

    @Override
    public int type() {
        return level.type;
    }

    @Override
    public String name() {
        return level == Level.WARNING ? "warning" : "error";
    }

    @Override
    public void writePayload(ByteWriter writer) {
        writer.bytes(channelId.bytes()).u16(data.length).bytes(data).bytes(extension.encode());
    }

    static ErrorMessage read(int type, ByteReader reader) throws DecodeException {
        Level level = type == TYPE_WARNING ? Level.WARNING : Level.ERROR;
        ChannelId channelId = new ChannelId(reader.bytes(ChannelId.LENGTH));
        byte[] data = reader.bytes(reader.u16());
        return new ErrorMessage(level, channelId, data, LightningMessage.readExtension(reader));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ErrorMessage that && level == that.level && channelId.equals(that.channelId)
                && Arrays.equals(data, that.data) && extension.equals(that.extension);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, channelId, Arrays.hashCode(data), extension);
    }

    @Override
    public String toString() {
        return name() + "[channel=" + channelId + ", data=" + printableData() + "]";
    }
}
