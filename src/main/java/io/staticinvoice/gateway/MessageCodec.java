package io.staticinvoice.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.wire.LightningMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Turns decrypted frames into BOLT 1 {@link LightningMessage}s and back, counting messages in
 * and out by type. A message that does not decode (missing fields, invalid extension) closes
 * the connection, as BOLT 1 requires.
 */
final class MessageCodec extends MessageToMessageCodec<byte[], LightningMessage> {

    static final String NAME = "messages";

    private static final Logger log = LoggerFactory.getLogger(MessageCodec.class);

    private final GatewayMetrics metrics;
    private boolean failed;

    MessageCodec(GatewayMetrics metrics) {
        super(byte[].class, LightningMessage.class);
        this.metrics = metrics;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, LightningMessage message, List<Object> out) {
        out.add(message.encode());
        metrics.messageOut(message.name());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, byte[] frame, List<Object> out) {
        if (failed) {
            return;
        }
        try {
            LightningMessage message = LightningMessage.decode(frame);
            metrics.messageIn(message.name());
            out.add(message);
        } catch (DecodeException e) {
            failed = true;
            metrics.disconnected(GatewayMetrics.Disconnect.MALFORMED_MESSAGE);
            log.debug("Closing {}: malformed message: {}", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
        }
    }
}
