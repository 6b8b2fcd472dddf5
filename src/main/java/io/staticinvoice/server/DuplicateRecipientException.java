package io.staticinvoice.server;

/** A registration named a recipient id that is already registered. */
public class DuplicateRecipientException extends RuntimeException {

    public DuplicateRecipientException(String recipientIdHex) {
        super("recipient " + recipientIdHex + " is already registered");
    }
}
