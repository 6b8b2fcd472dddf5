package io.staticinvoice.gateway;

/**
 * The BOLT 8 listener could not bind {@code sis.lightning.listen}: the port is taken by another
 * process, or the address is not one of this host's. The gateway has released its event loops
 * and workers by the time this is thrown, so a failed start leaves no thread behind.
 */
public final class ListenerBindException extends RuntimeException {

    private final String address;

    ListenerBindException(String address, Throwable cause) {
        super("cannot listen for Lightning peers on " + address + ": " + cause.getMessage(), cause);
        this.address = address;
    }

    /** The configured {@code host:port}. */
    public String address() {
        return address;
    }
}
