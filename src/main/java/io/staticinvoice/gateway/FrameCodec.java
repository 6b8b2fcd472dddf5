package io.staticinvoice.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.transport.TransportCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * BOLT 8 encrypted framing on a connection whose handshake is done: decrypts the 18-byte length
 * header, refuses frames above the configured maximum before reading them, decrypts the body,
 * and passes the plaintext message on; encrypts outgoing messages. Any failed MAC or oversize
 * frame closes the connection and is counted.
 */
final class FrameCodec extends ByteToMessageCodec<byte[]> {

    static final String NAME = "frames";

    private static final Logger log = LoggerFactory.getLogger(FrameCodec.class);

    private final TransportCipher cipher;
    private final int maxFrameSize;
    private final GatewayMetrics metrics;
    private int bodyLength = -1;
    private boolean failed;

    FrameCodec(TransportCipher cipher, int maxFrameSize, GatewayMetrics metrics) {
        super(byte[].class);
        this.cipher = cipher;
        this.maxFrameSize = maxFrameSize;
        this.metrics = metrics;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] message, ByteBuf out) {
        out.writeBytes(cipher.encrypt(message));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed) {
            if (bodyLength < 0) {
                if (in.readableBytes() < TransportCipher.LENGTH_HEADER_LENGTH) {
                    return;
                }
                byte[] header = new byte[TransportCipher.LENGTH_HEADER_LENGTH];
                in.readBytes(header);
                try {
                    bodyLength = cipher.decryptLength(header);
                } catch (DecodeException e) {
                    fail(ctx, in, GatewayMetrics.Disconnect.DECRYPTION_FAILED, "length header: " + e.getMessage());
                    return;
                }
                if (bodyLength > maxFrameSize) {
                    fail(ctx, in, GatewayMetrics.Disconnect.OVERSIZE_FRAME,
                            "frame of " + bodyLength + " bytes exceeds " + maxFrameSize);
                    return;
                }
            }
            if (in.readableBytes() < bodyLength + TransportCipher.MAC_LENGTH) {
                return;
            }
            byte[] body = new byte[bodyLength + TransportCipher.MAC_LENGTH];
            in.readBytes(body);
            bodyLength = -1;
            try {
                out.add(cipher.decryptMessage(body));
            } catch (DecodeException e) {
                fail(ctx, in, GatewayMetrics.Disconnect.DECRYPTION_FAILED, "message: " + e.getMessage());
            }
        }
        in.skipBytes(in.readableBytes());
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, GatewayMetrics.Disconnect reason, String detail) {
        failed = true;
        in.skipBytes(in.readableBytes());
        metrics.disconnected(reason);
        log.debug("Closing {}: {}", ctx.channel().remoteAddress(), detail);
        ctx.close();
    }
}
