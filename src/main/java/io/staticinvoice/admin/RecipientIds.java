package io.staticinvoice.admin;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;

/**
 * Recipient ids as the API spells them: 1 to 1024 bytes in hex (either case accepted, lowercase
 * returned), the id the server paths' authenticated context carries (DESIGN.md step 1).
 */
final class RecipientIds {

    /** Bean validation pattern of a recipient id parameter or field. */
    static final String PATTERN = "^(?:[0-9a-fA-F]{2}){1,1024}$";

    /** OpenAPI example of a recipient id. */
    static final String EXAMPLE = "5e1fb2d3c0a4e1f8a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5";

    private RecipientIds() {
    }

    /** Decodes an id that passed {@link #PATTERN}; anything else is an {@link IllegalArgumentException} (400). */
    static byte[] decode(String hex) {
        try {
            return Hex.decode(hex);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("recipient id: " + e.getMessage(), e);
        }
    }
}
