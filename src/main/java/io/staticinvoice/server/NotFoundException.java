package io.staticinvoice.server;

/** An operator named a recipient or invoice that does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
