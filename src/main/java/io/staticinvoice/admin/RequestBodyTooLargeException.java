package io.staticinvoice.admin;

import java.io.IOException;

/**
 * A request body beyond {@code sis.admin.limits.max-body-size}; answered 413. An
 * {@link IOException} because a body without {@code Content-Length} is found too large while the
 * JSON reader reads it.
 */
final class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long maxBytes) {
        super("the request body exceeds " + maxBytes + " bytes (sis.admin.limits.max-body-size)");
    }
}
