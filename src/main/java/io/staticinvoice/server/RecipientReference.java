package io.staticinvoice.server;

import io.staticinvoice.store.Recipient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Which recipient one of the server's blinded paths is for, as its {@link PathContext} names it.
 * Paths issued now name the recipient by its database key, with a 32-bit check of its recipient id
 * so that a key reused by another database (a fresh database under the same node key) never
 * resolves to a different wallet; paths issued before compact contexts name it by the recipient
 * id itself.
 */
public sealed interface RecipientReference {

    /** Whether {@code recipient} is the one this reference names. */
    boolean matches(Recipient recipient);

    /** The reference written into new paths for a stored recipient. */
    static RecipientReference of(Recipient recipient) {
        if (recipient.getId() == null) {
            throw new IllegalStateException("recipient not stored yet: it has no key");
        }
        return new ByKey(recipient.getId(), ByKey.idCheck(recipient.getRecipientId()));
    }

    /**
     * A recipient named by its row key (compact contexts).
     *
     * @param key     the recipient's database key, positive
     * @param idCheck the first four bytes of SHA-256 of its recipient id, big-endian
     */
    record ByKey(long key, int idCheck) implements RecipientReference {

        public ByKey {
            if (key <= 0) {
                throw new IllegalArgumentException("recipient key must be positive: " + key);
            }
        }

        @Override
        public boolean matches(Recipient recipient) {
            return recipient.getId() != null && recipient.getId() == key
                    && idCheck(recipient.getRecipientId()) == idCheck;
        }

        static int idCheck(byte[] recipientId) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(recipientId);
                return (digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | digest[3] & 0xff;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from the JDK", e);
            }
        }

        @Override
        public String toString() {
            return "recipient #" + key;
        }
    }

    /**
     * A recipient named by its recipient id (contexts sealed before compact contexts).
     *
     * @param recipientId 1 to {@value PathContext#MAX_RECIPIENT_ID_BYTES} bytes
     */
    record ById(byte[] recipientId) implements RecipientReference {

        public ById {
            if (recipientId.length == 0 || recipientId.length > PathContext.MAX_RECIPIENT_ID_BYTES) {
                throw new IllegalArgumentException("recipient id must be 1 to " + PathContext.MAX_RECIPIENT_ID_BYTES
                        + " bytes");
            }
            recipientId = recipientId.clone();
        }

        @Override
        public byte[] recipientId() {
            return recipientId.clone();
        }

        @Override
        public boolean matches(Recipient recipient) {
            return Arrays.equals(recipientId, recipient.getRecipientId());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ById that && Arrays.equals(recipientId, that.recipientId);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(recipientId);
        }

        @Override
        public String toString() {
            return "recipient " + HexFormat.of().formatHex(recipientId);
        }
    }
}
