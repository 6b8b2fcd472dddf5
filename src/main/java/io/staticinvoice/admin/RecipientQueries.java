package io.staticinvoice.admin;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.server.NotFoundException;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.RecipientStatus;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side of {@code /api/v1/recipients}: filtered pages and one recipient with its slots. */
@Service
@Transactional(readOnly = true)
class RecipientQueries {

    /** Offer paths issued for one slot of a recipient (a JPQL constructor expression). */
    record SlotPaths(int slot, long count, Instant newestExpiry) {
    }

    private final RecipientRepository recipients;
    private final StoredInvoiceRepository invoices;
    private final EntityManager entityManager;
    private final Clock clock;

    RecipientQueries(RecipientRepository recipients, StoredInvoiceRepository invoices, EntityManager entityManager,
                     Clock clock) {
        this.recipients = recipients;
        this.invoices = invoices;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * @param status        only recipients in this status; null = all
     * @param labelContains only recipients whose label contains this, ignoring case; null = all
     */
    PageResponse<RecipientResponse> list(RecipientStatus status, String labelContains, Pageable pageable) {
        List<Specification<Recipient>> filters = new ArrayList<>();
        if (status != null) {
            filters.add((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        if (labelContains != null) {
            String pattern = "%" + Likes.escape(labelContains.toLowerCase(Locale.ROOT)) + "%";
            filters.add((root, query, cb) -> cb.like(cb.lower(root.get("label")), pattern, Likes.ESCAPE));
        }
        return PageResponse.of(recipients.findAll(Specification.allOf(filters), pageable), RecipientResponse::of);
    }

    RecipientResponse summary(byte[] recipientId) {
        return RecipientResponse.of(require(recipientId));
    }

    RecipientDetailResponse get(byte[] recipientId) {
        Recipient recipient = require(recipientId);
        Map<Integer, SlotPaths> paths = new HashMap<>();
        entityManager.createQuery("select new " + SlotPaths.class.getName()
                        + "(p.slot, count(p), max(p.expiresAt)) from OfferPath p "
                        + "where p.recipient = :recipient and p.expiresAt > :now group by p.slot", SlotPaths.class)
                .setParameter("recipient", recipient)
                .setParameter("now", clock.instant())
                .getResultList()
                .forEach(slot -> paths.put(slot.slot(), slot));
        Map<Integer, StoredInvoice> active = new HashMap<>();
        Map<Integer, StoredInvoice> pending = new HashMap<>();
        invoices.findByRecipientAndStatusIn(recipient, List.of(InvoiceStatus.PENDING, InvoiceStatus.ACTIVE))
                .forEach(invoice -> (invoice.getStatus() == InvoiceStatus.ACTIVE ? active : pending)
                        .put(invoice.getSlot(), invoice));

        SortedSet<Integer> used = new TreeSet<>(paths.keySet());
        used.addAll(active.keySet());
        used.addAll(pending.keySet());
        List<SlotResponse> slots = used.stream().map(slot -> {
            Optional<SlotPaths> issued = Optional.ofNullable(paths.get(slot));
            return new SlotResponse(slot, issued.map(SlotPaths::count).orElse(0L),
                    issued.map(SlotPaths::newestExpiry).orElse(null),
                    Optional.ofNullable(active.get(slot)).map(InvoiceResponse::of).orElse(null),
                    Optional.ofNullable(pending.get(slot)).map(InvoiceResponse::of).orElse(null));
        }).toList();
        return new RecipientDetailResponse(RecipientResponse.of(recipient), slots);
    }

    /** The recipient with this id, or {@link NotFoundException} (404). */
    Recipient require(byte[] recipientId) {
        return recipients.findByRecipientId(recipientId)
                .orElseThrow(() -> new NotFoundException("recipient " + Hex.encode(recipientId)));
    }
}
