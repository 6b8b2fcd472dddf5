package io.staticinvoice.server;

import io.staticinvoice.store.AuditEvent;
import io.staticinvoice.store.AuditEventRepository;
import io.staticinvoice.store.AuditKind;
import java.time.Clock;
import java.util.List;
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

    /** Records one event of {@code kind} by {@code actor} per subject, now, in one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(AuditKind kind, String actor, List<Subject> subjects) {
        events.appendAll(clock.instant(), kind.name(), actor,
                subjects.stream().map(Subject::recipientPk).toArray(Long[]::new),
                subjects.stream().map(Subject::invoicePk).toArray(Long[]::new),
                subjects.stream().map(Subject::detail).toArray(String[]::new));
    }

    /** What one event of {@link #recordAll} is about; {@code detail} may be null. */
    public record Subject(Long recipientPk, Long invoicePk, String detail) {
    }
}
