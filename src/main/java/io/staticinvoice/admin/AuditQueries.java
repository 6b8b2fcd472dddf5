package io.staticinvoice.admin;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.store.AuditEvent;
import io.staticinvoice.store.AuditEventRepository;
import io.staticinvoice.store.AuditKind;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side of {@code /api/v1/audit}: filtered pages of the audit log with recipients shown by their id. */
@Service
@Transactional(readOnly = true)
class AuditQueries {

    private final AuditEventRepository events;
    private final RecipientRepository recipients;
    private final RecipientQueries recipientQueries;

    AuditQueries(AuditEventRepository events, RecipientRepository recipients, RecipientQueries recipientQueries) {
        this.events = events;
        this.recipients = recipients;
        this.recipientQueries = recipientQueries;
    }

    /**
     * @param recipientId only events about this recipient (404 when unknown); null = all
     * @param actor       only events by this actor (an API key's name or {@code protocol}); null = all
     * @param kind        only events of this kind; null = all
     * @param from        only events at or after this instant; null = no lower bound
     * @param to          only events before this instant; null = no upper bound
     */
    PageResponse<AuditEventResponse> list(byte[] recipientId, String actor, AuditKind kind, Instant from, Instant to,
                                          Pageable pageable) {
        List<Specification<AuditEvent>> filters = new ArrayList<>();
        if (recipientId != null) {
            Long recipientPk = recipientQueries.require(recipientId).getId();
            filters.add((root, query, cb) -> cb.equal(root.get("recipientId"), recipientPk));
        }
        if (actor != null) {
            filters.add((root, query, cb) -> cb.equal(root.get("actor"), actor));
        }
        if (kind != null) {
            filters.add((root, query, cb) -> cb.equal(root.get("kind"), kind));
        }
        if (from != null) {
            filters.add((root, query, cb) -> cb.greaterThanOrEqualTo(root.get("occurredAt"), from));
        }
        if (to != null) {
            filters.add((root, query, cb) -> cb.lessThan(root.get("occurredAt"), to));
        }
        Page<AuditEvent> page = events.findAll(Specification.allOf(filters), pageable);
        Map<Long, String> recipientIds = recipients.findAllById(page.getContent().stream()
                        .map(AuditEvent::getRecipientId).flatMap(Optional::stream).distinct().toList())
                .stream().collect(Collectors.toMap(Recipient::getId, r -> Hex.encode(r.getRecipientId())));
        return PageResponse.of(page, event -> AuditEventResponse.of(event,
                event.getRecipientId().map(recipientIds::get).orElse(null)));
    }
}
