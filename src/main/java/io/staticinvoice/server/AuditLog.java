package io.staticinvoice.server;

import io.staticinvoice.store.AuditEvent;
import io.staticinvoice.store.AuditEventRepository;
import io.staticinvoice.store.AuditKind;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes protocol events and operator changes to the audit table, inside the caller's transaction. */
@Service
public class AuditLog {

    /** The actor name of events the protocol itself causes. */
    public static final String PROTOCOL = "protocol";

    private final AuditEventRepository events;
    private final Clock clock;

    public AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditKind kind, String actor, Long recipientPk, Long invoicePk, String detail) {
        events.save(new AuditEvent(kind, actor, recipientPk, invoicePk, detail, clock.instant()));
    }
}
