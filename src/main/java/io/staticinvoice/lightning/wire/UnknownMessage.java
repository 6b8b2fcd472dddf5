package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.ByteWriter;

import java.util.Arrays;

/**
 * A message of a type this node does not implement (BOLT 1: "it's ok to be odd"): an odd type
 * must be ignored, an even one must close the connection.
 */
public record UnknownMessage(int type, byte[] payload) implements LightningMessage {

    public UnknownMessage {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("message type must be a u16, got " + type);
        }
        payload = payload.clone();
    }

    public boolean isOdd() {
        return (type & 1) == 1;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public String name() {
        return "unknown";
    }

    @Override
    public void writePayload(ByteWriter writer) {
        writer.bytes(payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnknownMessage that && type == that.type && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "unknown[type=" + type + ", " + payload.length + " bytes]";
    }
}
