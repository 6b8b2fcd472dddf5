package io.staticinvoice.server;

import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.relay.OnionMessageSender;
import io.staticinvoice.gateway.Responder;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the server's protocol messages (answers on reply paths, and messages over stored paths)
 * and counts how each left: {@code <what>.sent}, {@code <what>.stored} (in the mailbox),
 * {@code <what>.held} (a forwarded invoice_request held in memory), {@code <what>.relayed} (handed to
 * the replica its recipient is connected to) or {@code <what>.failed}.
 */
@Component
public class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private final OnionMessageSender sender;
    private final RequestStats stats;

    public Replies(OnionMessageSender sender, RequestStats stats) {
        this.sender = sender;
        this.stats = stats;
    }

    /** Answers on the sender's reply path. */
    public CompletableFuture<Delivery> respond(Responder responder, TlvRecord message,
                                               Optional<BlindedMessagePath> ourReplyPath, String what) {
        return counted(responder.respond(message, ourReplyPath), what);
    }

    /** Sends over a blinded path the server stored earlier. */
    public CompletableFuture<Delivery> send(BlindedMessagePath destination, TlvRecord message,
                                            Optional<BlindedMessagePath> replyPath, String what) {
        return counted(sender.send(destination, message, replyPath), what);
    }

    private CompletableFuture<Delivery> counted(CompletableFuture<Delivery> delivery, String what) {
        return delivery.whenComplete((how, error) -> {
            if (error != null) {
                stats.record(what + ".failed");
                log.debug("Could not send {}: {}", what, error.toString());
            } else {
                stats.record(what + "." + how.name().toLowerCase(Locale.ROOT));
            }
        });
    }
}
