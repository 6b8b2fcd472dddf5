package io.staticinvoice.store;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The append-only audit log. */
public interface AuditEventRepository extends JpaRepository<AuditEvent, Long>, JpaSpecificationExecutor<AuditEvent> {

    /** Appends one event per element of the arrays (same length), all of {@code kind} by {@code actor} at {@code at}, in one statement. */
    @Modifying
    @Query(value = "insert into sis.audit_event (occurred_at, kind, actor, recipient_id, invoice_id, detail) "
            + "select :at, :kind, :actor, e.recipient_id, e.invoice_id, e.detail "
            + "from unnest(cast(:recipients as bigint[]), cast(:invoices as bigint[]), cast(:details as varchar[])) "
            + "as e(recipient_id, invoice_id, detail)", nativeQuery = true)
    int appendAll(@Param("at") Instant at, @Param("kind") String kind, @Param("actor") String actor,
                  @Param("recipients") Long[] recipients, @Param("invoices") Long[] invoices,
                  @Param("details") String[] details);
}
