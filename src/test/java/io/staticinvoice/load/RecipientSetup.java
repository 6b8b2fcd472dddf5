package io.staticinvoice.load;

import io.staticinvoice.check.AdminClient;
import io.staticinvoice.check.Wallet.OfferPathsAnswer;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.reference.ReferenceRecipient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brings N recipients to the state the load needs (DESIGN.md steps 1 to 3): each is registered
 * over the admin API, then a {@link ReferenceRecipient} with its own node key connects, asks for
 * offer paths, hands over a signed static invoice for slot 0, waits for StaticInvoicePersisted and
 * goes offline, so every invoice_request forwarded to it during the load is held in memory and
 * every {@code held_htlc_available} for it waits in the mailbox.
 */
public final class RecipientSetup {

    private static final Duration CONFIRMATION_WAIT = Duration.ofSeconds(30);
    private static final int PARALLEL = 4;

    /**
     * A recipient ready to be paid: its offer (over the server's paths), the invoice the server
     * holds, and the invoice's message path (through the server), where payers send
     * {@code held_htlc_available}.
     */
    public record ReadyRecipient(String recipientId, Offer offer, byte[] invoice, BlindedMessagePath messagePath) {
    }

    private final AdminClient admin;
    private final NodeId server;
    private final InetSocketAddress serverAddress;
    private final int paymentPaths;

    /** @param paymentPaths payment paths in each static invoice (LDK 0.3 recipients' invoices are about 1,450 bytes) */
    public RecipientSetup(AdminClient admin, NodeId server, InetSocketAddress serverAddress, int paymentPaths) {
        this.admin = admin;
        this.server = server;
        this.serverAddress = serverAddress;
        this.paymentPaths = paymentPaths;
    }

    /** Registers and hands over {@code count} recipients, a few at a time. */
    public List<ReadyRecipient> prepare(int count) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<ReadyRecipient>> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String label = "load-" + i;
                pending.add(pool.submit(() -> prepareOne(label)));
            }
            List<ReadyRecipient> ready = new ArrayList<>(count);
            for (Future<ReadyRecipient> recipient : pending) {
                ready.add(recipient.get());
            }
            return ready;
        } finally {
            pool.shutdownNow();
        }
    }

    private ReadyRecipient prepareOne(String label) throws Exception {
        AdminClient.Registered registered = admin.register(label, 1);
        try (ReferenceRecipient recipient = new ReferenceRecipient(PrivateKey.random())) {
            recipient.start();
            recipient.connect(server, serverAddress);
            OfferPathsAnswer answer = recipient.requestOfferPaths(registered.serverPaths().get(0), 0);
            Offer offer = recipient.offer(answer.offerPaths());
            BlindedMessagePath forwardPath = recipient.forwardPath(server);
            byte[] invoice = recipient.invoice(offer, forwardPath, Instant.now(), paymentPaths).bytes();
            recipient.serve(invoice, forwardPath, answer.serveInvoicePath());
            if (!recipient.confirmed(CONFIRMATION_WAIT)) {
                throw new IllegalStateException("recipient " + registered.recipientId()
                        + ": no StaticInvoicePersisted within " + CONFIRMATION_WAIT);
            }
            return new ReadyRecipient(registered.recipientId(), offer, invoice, forwardPath);
        }
    }
}
