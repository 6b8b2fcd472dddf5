package io.staticinvoice.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.crypto.Sha256;
import io.staticinvoice.lightning.wire.NodeId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Copies of one signed invoice_request (BOLT 12 "Invoice Requests"). An LDK payer (0.2.5 and 0.3)
 * sends the same invoice_request several times: once more when it next hears from any peer
 * ({@code ChannelManager::message_received}: within milliseconds under load, else when the static
 * invoice arrives), over every pair of offer path and reply path when there are several (up to
 * rust-lightning's {@code OFFERS_MESSAGE_REQUEST_LIMIT}, 10), and again when it retries. They are
 * one payment, so they cost the recipient's rate limit one token: an invoice_request that was
 * admitted within {@code request-copy-window} admits up to {@code request-copies} further copies
 * without a token, and needs no parse or signature check (its bytes passed them). A copy is
 * answered on its own reply path (one path may be broken) but not on one already answered, nor
 * when an earlier copy's answer went straight back to the same peer over the connection this copy
 * came in on, still open (the answer and the copy share one ordered stream: the second answer
 * would only repeat the first, 32 KiB for an LDK 0.3 invoice, to a payer that is often a phone);
 * and it is not forwarded to the recipient again (the first copy's forward carries the same
 * request). A copy from another connection, or whose reply path leads elsewhere, is answered.
 *
 * <p>Bounded: at most {@code max-tracked-requests} invoice_requests are remembered, the least
 * recently seen forgotten first; a forgotten or expired request's next copy simply draws a token
 * again. Per replica: copies that reach another replica draw from its share of the bucket.
 */
@Component
public class RequestCopies {

    /** What to do with an admitted invoice_request. */
    public enum Admission {
        /** The first copy: answer and forward. */
        FIRST,
        /** A further copy on a new reply path: answer, don't forward. */
        COPY,
        /** A copy whose reply path, or whose connection back to its sender, carried an answer already: nothing to do. */
        ANSWERED
    }

    /**
     * One peer connection: the node and when it connected (a reconnection is another connection).
     * Remembered instead of the {@link Peer}, which would keep a closed connection's resources.
     */
    public record Connection(NodeId node, Instant since) {

        public static Connection of(Peer peer) {
            return new Connection(peer.nodeId(), peer.connectedAt());
        }
    }

    private final ProtocolProperties.RateLimit settings;
    private final LongSupplier nanoClock;
    private final Map<ByteBuffer, Seen> seen;

    @Autowired
    public RequestCopies(ProtocolProperties properties, MeterRegistry meters) {
        this(properties.rateLimit(), System::nanoTime);
        Gauge.builder("sis.protocol.tracked-requests", this, RequestCopies::size)
                .description("invoice_requests remembered so that their copies cost no rate-limit token").register(meters);
    }

    /** @param nanoClock the copy window's time source, in nanoseconds */
    public RequestCopies(ProtocolProperties.RateLimit settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        int capacity = settings.maxTrackedRequests();
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Admits {@code invoiceRequest} arriving with {@code replyPathKey} (the first path key of its
     * reply path): as a copy of one admitted within the window, else by {@code admitFirst}, which
     * takes a token from the rate limit and checks the request, or throws (and then nothing is
     * remembered). So a copy needs neither a token nor a check: its bytes passed both. A copy is
     * {@link Admission#ANSWERED} when its reply path was answered, or when an answer went back over
     * {@code returnConnection} ({@link io.staticinvoice.gateway.Responder#returnConnection}: the
     * connection the answer would take straight back, if any); that costs a point multiplication,
     * so it is asked only for a copy, outside the lock.
     */
    public Admission admit(byte[] invoiceRequest, Optional<PublicKey> replyPathKey,
                           Supplier<Optional<Connection>> returnConnection, Runnable admitFirst) {
        ByteBuffer key = key(invoiceRequest);
        long now = nanoClock.getAsLong();
        boolean copy;
        synchronized (seen) {
            copy = copyable(seen.get(key), now);
        }
        Optional<Connection> connection = copy ? returnConnection.get() : Optional.empty();
        synchronized (seen) {
            Seen earlier = seen.get(key);
            if (copyable(earlier, now)) {
                earlier.copies++;
                if (replyPathKey.filter(earlier.answeredPaths::contains).isPresent()
                        || connection.filter(earlier.answeredOver::contains).isPresent()) {
                    return Admission.ANSWERED;
                }
                replyPathKey.ifPresent(earlier.answeredPaths::add);
                return Admission.COPY;
            }
            admitFirst.run();
            Seen first = new Seen(now);
            replyPathKey.ifPresent(first.answeredPaths::add);
            seen.put(key, first);
            return Admission.FIRST;
        }
    }

    private boolean copyable(Seen earlier, long now) {
        return earlier != null && now - earlier.firstNanos <= settings.requestCopyWindow().toNanos()
                && earlier.copies < settings.requestCopies();
    }

    /**
     * An answer to {@code invoiceRequest} goes straight back over {@code connection}: later copies
     * that come in on it are not answered again. (A copy handled on another worker at this very
     * moment is answered: harmless.)
     */
    public void answering(byte[] invoiceRequest, Connection connection) {
        whenRemembered(invoiceRequest, earlier -> earlier.answeredOver.add(connection));
    }

    /** The answer {@link #answering} announced was not written: a later copy over that connection is answered after all. */
    public void answerFailed(byte[] invoiceRequest, Connection connection) {
        whenRemembered(invoiceRequest, earlier -> earlier.answeredOver.remove(connection));
    }

    private void whenRemembered(byte[] invoiceRequest, Consumer<Seen> change) {
        ByteBuffer key = key(invoiceRequest);
        synchronized (seen) {
            Seen earlier = seen.get(key);
            if (earlier != null) {
                change.accept(earlier);
            }
        }
    }

    /** Invoice_requests remembered now. */
    public int size() {
        synchronized (seen) {
            return seen.size();
        }
    }

    /** The first 16 bytes of the request's SHA-256: a key that cannot be steered into another request's. */
    private static ByteBuffer key(byte[] invoiceRequest) {
        return ByteBuffer.wrap(Arrays.copyOf(Sha256.hash(invoiceRequest), 16));
    }

    /**
     * One admitted invoice_request: when its first copy came, how many followed, which reply paths
     * were answered and over which connections answers went straight back.
     */
    private static final class Seen {

        private final long firstNanos;
        private final List<PublicKey> answeredPaths = new ArrayList<>(2);
        private final List<Connection> answeredOver = new ArrayList<>(1);
        private int copies;

        Seen(long firstNanos) {
            this.firstNanos = firstNanos;
        }
    }
}
