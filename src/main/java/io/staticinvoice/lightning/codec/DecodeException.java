package io.staticinvoice.lightning.codec;

/**
 * The one failure every decoder of untrusted bytes throws: the input is not a valid encoding
 * of the value asked for. The message names the specific rule that was broken, so it can be
 * logged and counted; no index, null-pointer or arithmetic error ever escapes a decoder.
 */
public final class DecodeException extends Exception {

    public DecodeException(String reason) {
        super(reason);
    }

    public DecodeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
