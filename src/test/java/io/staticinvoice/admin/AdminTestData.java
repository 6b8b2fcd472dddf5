package io.staticinvoice.admin;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.store.InvoiceHistoryEntry;
import io.staticinvoice.store.InvoiceHistoryRepository;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.InvoiceSummary;
import io.staticinvoice.store.OfferPath;
import io.staticinvoice.store.OfferPathRepository;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * Rows the admin API tests read and change, written straight through the repositories, and a
 * MockMvc over the shared {@code @IntegrationTest} context with the real security filter chain.
 * Each test uses fresh random recipient ids and unique labels, so tests never see each other's rows.
 */
final class AdminTestData {

    /** The static invoice the LDK 0.2.5 recipient handed the LDK server (fixtures/ldk-0.2.5). */
    static final byte[] LDK_STATIC_INVOICE = hexResource("/fixtures/ldk-0.2.5/static-invoice-persisted-by-server.hex");
    /** The offer inside it, as LDK printed it. */
    static final String LDK_OFFER = textResource("/fixtures/ldk-0.2.5/offer.txt").strip();

    private final RecipientRepository recipients;
    private final StoredInvoiceRepository invoices;
    private final InvoiceHistoryRepository history;
    private final OfferPathRepository offerPaths;
    private final TransactionTemplate transactions;

    AdminTestData(ApplicationContext context) {
        this.recipients = context.getBean(RecipientRepository.class);
        this.invoices = context.getBean(StoredInvoiceRepository.class);
        this.history = context.getBean(InvoiceHistoryRepository.class);
        this.offerPaths = context.getBean(OfferPathRepository.class);
        this.transactions = context.getBean(TransactionTemplate.class);
    }

    static MockMvc mockMvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static String uniqueLabel(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    Recipient recipient(String label) {
        return recipients.save(new Recipient(randomBytes(32), label, 4, Duration.ofDays(30), now()));
    }

    /**
     * Stores invoice bytes in (recipient, slot) with the given expiry and reply path, then moves the
     * invoice to {@code status} the way the protocol would (a history row per step).
     */
    StoredInvoice invoice(Recipient recipient, int slot, InvoiceStatus status, Instant expiresAt, byte[] replyPath,
                          byte[] bytes) {
        InvoiceSummary summary = new InvoiceSummary(randomBytes(32), randomPubkey(), 50_000L, null, "coffee", 1,
                now().minus(Duration.ofHours(1)), expiresAt);
        InvoiceStatus initial = status == InvoiceStatus.PENDING ? InvoiceStatus.PENDING : InvoiceStatus.ACTIVE;
        StoredInvoice stored = invoices.save(new StoredInvoice(recipient, slot, summary, bytes,
                randomBytes(80), replyPath, initial, now()));
        history.save(new InvoiceHistoryEntry(stored.getId(), null, initial, now(), "protocol", null));
        if (status != initial) {
            switch (status) {
                case SUPERSEDED -> stored.supersede(now());
                case EXPIRED -> stored.expire();
                case REVOKED -> stored.revoke("revoked by the test", now());
                default -> throw new IllegalArgumentException(status.name());
            }
            stored = invoices.save(stored);
            history.save(new InvoiceHistoryEntry(stored.getId(), initial, status, now(), "protocol", null));
        }
        return stored;
    }

    /** Stores the LDK fixture invoice. */
    StoredInvoice invoice(Recipient recipient, int slot, InvoiceStatus status, Instant expiresAt, byte[] replyPath) {
        return invoice(recipient, slot, status, expiresAt, replyPath, LDK_STATIC_INVOICE);
    }

    StoredInvoice invoice(Recipient recipient, int slot, InvoiceStatus status, Instant expiresAt) {
        return invoice(recipient, slot, status, expiresAt, null);
    }

    StoredInvoice invoice(Recipient recipient, int slot, InvoiceStatus status) {
        return invoice(recipient, slot, status, now().plus(Duration.ofDays(14)));
    }

    /** Counts one serving of the invoice at {@code at}, as the protocol does. */
    void served(StoredInvoice invoice, Instant at) {
        transactions.executeWithoutResult(tx -> invoices.recordServed(new Long[] {invoice.getId()}, new Long[] {1L}, new Instant[] {at}));
    }

    void offerPath(Recipient recipient, int slot, Instant expiresAt) {
        offerPaths.save(new OfferPath(recipient, slot, randomBytes(32), now(), expiresAt));
    }

    private static byte[] randomPubkey() {
        byte[] key = randomBytes(33);
        key[0] = 2;
        return key;
    }

    private static byte[] hexResource(String name) {
        try {
            return Hex.decode(textResource(name));
        } catch (DecodeException e) {
            throw new IllegalStateException(name + " is not hex", e);
        }
    }

    private static String textResource(String name) {
        try (InputStream in = AdminTestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
