package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PrivateKey;

/**
 * The last step of the builders of signed BOLT 12 messages (BOLT 12 "Signature Calculation"):
 * sign the merkle root of the unsigned records, add the signature record, and parse the result
 * with the message's own parser so that a builder can only produce messages readers accept.
 */
final class Signing {

    private Signing() {
    }

    /** A message parser. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] bytes) throws DecodeException;
    }

    static <T> T signAndParse(TlvStream.Builder unsigned, String tag, long signatureType, PrivateKey key,
            Parser<T> parser, String messageName) {
        byte[] digest = Merkle.signatureDigest(tag, unsigned.build().records());
        unsigned.add(signatureType, SchnorrSignature.sign(digest, key).bytes());
        try {
            return parser.parse(unsigned.build().encode());
        } catch (DecodeException e) {
            throw new IllegalStateException("not a valid " + messageName + ": " + e.getMessage(), e);
        }
    }
}
