package io.staticinvoice.server;

import java.time.Instant;

/**
 * What the server knows when a message arrives over one of its own blinded paths: which kind of
 * path it is, for which recipient and slot, and until when it is valid. It travels, encoded by
 * {@link PathContextCodec}, as the path_id of the path's final hop, which only this node can have
 * written: the hop is encrypted to the node and authenticated with its receive key (LDK's
 * {@code ReceiveAuthKey}, {@code lightning/src/blinded_path/message.rs}).
 *
 * @param kind      the one message type this path accepts
 * @param recipient the recipient the path is for
 * @param slot      the invoice slot (0 for paths handed out at registration)
 * @param expiresAt after this instant the path is refused; {@link Instant#MAX} when it never expires
 */
public record PathContext(Kind kind, RecipientReference recipient, int slot, Instant expiresAt) {

    /** Longest recipient id accepted, as LDK's static invoice server allows. */
    public static final int MAX_RECIPIENT_ID_BYTES = 1024;

    /** The message each kind of path is for (DESIGN.md steps 2-4). */
    public enum Kind {
        /** Server paths from registration: the recipient sends OfferPathsRequest. */
        OFFER_PATHS_REQUEST,
        /** The reply path of OfferPaths: the recipient sends ServeStaticInvoice. */
        SERVE_STATIC_INVOICE,
        /** The offer's paths: payers send invoice_request. */
        INVOICE_REQUEST
    }

    public PathContext {
        if (slot < 0 || slot > 0xFFFF) {
            throw new IllegalArgumentException("slot out of range: " + slot);
        }
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
