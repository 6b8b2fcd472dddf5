package io.staticinvoice.server;

/**
 * Thrown by a protocol handler to drop the message it is handling: nothing is answered or stored,
 * and the reason is counted as {@code dropped.<reason>} in {@link RequestStats}.
 */
public class MessageDropped extends RuntimeException {

    private final String reason;

    public MessageDropped(String reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
