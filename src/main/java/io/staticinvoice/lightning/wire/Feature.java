package io.staticinvoice.lightning.wire;

/**
 * The BOLT 9 features this node names: each is a pair of bits, the even one meaning
 * "required" and the odd one "optional" ("it's OK to be odd").
 */
public enum Feature {
    /** {@code option_data_loss_protect}, bits 0/1. */
    DATA_LOSS_PROTECT(0),
    /** {@code var_onion_optin}, bits 8/9. */
    VAR_ONION_OPTIN(8),
    /** {@code option_static_remotekey}, bits 12/13. */
    STATIC_REMOTE_KEY(12),
    /** {@code payment_secret}, bits 14/15. */
    PAYMENT_SECRET(14),
    /** {@code option_onion_messages}, bits 38/39: the peer relays and accepts onion messages (BOLT 4). */
    ONION_MESSAGES(38),
    /** {@code option_channel_type}, bits 44/45. */
    CHANNEL_TYPE(44);

    private final int requiredBit;

    Feature(int requiredBit) {
        this.requiredBit = requiredBit;
    }

    public int requiredBit() {
        return requiredBit;
    }

    public int optionalBit() {
        return requiredBit + 1;
    }
}
