package io.staticinvoice.server;

/** An operator asked for something only an active recipient can have, such as fresh server paths. */
public class RecipientRevokedException extends RuntimeException {

    public RecipientRevokedException(String recipientIdHex) {
        super("recipient " + recipientIdHex + " is revoked");
    }
}
