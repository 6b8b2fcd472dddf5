package io.staticinvoice.server;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the server knows when a message arrives over one of its own blinded paths: which kind of
 * path it is, for which recipient and slot, and until when it is valid. It travels, encrypted and
 * authenticated by {@link PathContextCodec}, as the path_id of the path's final hop.
 *
 * @param kind        the one message type this path accepts
 * @param recipientId the recipient's id, 1 to {@value #MAX_RECIPIENT_ID_BYTES} bytes
 * @param slot        the invoice slot (0 for paths handed out at registration)
 * @param expiresAt   after this instant the path is refused; {@link Instant#MAX} when it never expires
 */
public record PathContext(Kind kind, byte[] recipientId, int slot, Instant expiresAt) {

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
        if (recipientId.length == 0 || recipientId.length > MAX_RECIPIENT_ID_BYTES) {
            throw new IllegalArgumentException("recipient id must be 1 to " + MAX_RECIPIENT_ID_BYTES + " bytes");
        }
        if (slot < 0 || slot > 0xFFFF) {
            throw new IllegalArgumentException("slot out of range: " + slot);
        }
        recipientId = recipientId.clone();
    }

    @Override
    public byte[] recipientId() {
        return recipientId.clone();
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathContext that && kind == that.kind && slot == that.slot
                && Arrays.equals(recipientId, that.recipientId) && expiresAt.equals(that.expiresAt);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(recipientId)) + slot;
    }

    @Override
    public String toString() {
        return "PathContext[" + kind + ", recipient " + HexFormat.of().formatHex(recipientId) + ", slot " + slot
                + ", expires " + expiresAt + "]";
    }
}
