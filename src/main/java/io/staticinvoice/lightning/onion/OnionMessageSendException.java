package io.staticinvoice.lightning.onion;

/**
 * Why an onion message could not be built (LDK's {@code SendError},
 * {@code lightning/src/onion_message/messenger.rs}). Checked, because the destination and reply
 * paths usually come from other nodes.
 */
public final class OnionMessageSendException extends Exception {

    /** The failure class. */
    public enum Reason {
        /** The payloads do not fit the largest (32768-byte) packet. */
        TOO_BIG_PACKET,
        /** The introduction node is given as a channel we cannot resolve to a node id. */
        UNRESOLVED_INTRODUCTION_NODE,
        /** We are the introduction node but could not read our own hop to step past it. */
        BLINDED_PATH_ADVANCE_FAILED
    }

    private final Reason reason;

    public OnionMessageSendException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public OnionMessageSendException(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
