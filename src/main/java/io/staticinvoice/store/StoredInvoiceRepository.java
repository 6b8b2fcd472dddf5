package io.staticinvoice.store;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Stored static invoices; per (recipient, slot) at most one ACTIVE and one PENDING. */
public interface StoredInvoiceRepository
        extends JpaRepository<StoredInvoice, Long>, JpaSpecificationExecutor<StoredInvoice> {

    /** Locks the slot's current invoices: at most one ACTIVE and one PENDING. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from StoredInvoice i where i.recipient = :recipient and i.slot = :slot "
            + "and i.status in (io.staticinvoice.store.InvoiceStatus.PENDING, io.staticinvoice.store.InvoiceStatus.ACTIVE)")
    List<StoredInvoice> lockCurrent(@Param("recipient") Recipient recipient, @Param("slot") int slot);

    /** Locks the slot's invoice in {@code status} (ACTIVE or PENDING: at most one each). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<StoredInvoice> findByRecipientAndSlotAndStatus(Recipient recipient, int slot, InvoiceStatus status);

    /** The slot's most recently stored invoice, whatever its status. */
    Optional<StoredInvoice> findFirstByRecipientAndSlotOrderByIdDesc(Recipient recipient, int slot);

    Optional<StoredInvoice> findFirstByRecipientAndSlotAndStatus(Recipient recipient, int slot, InvoiceStatus status);

    List<StoredInvoice> findByRecipientAndStatusIn(Recipient recipient, Collection<InvoiceStatus> statuses);

    /** Locks due invoices, skipping rows another replica holds, so concurrent jobs never collide. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
    @Query("select i from StoredInvoice i where i.status in (io.staticinvoice.store.InvoiceStatus.PENDING, "
            + "io.staticinvoice.store.InvoiceStatus.ACTIVE) and i.expiresAt <= :now order by i.id")
    List<StoredInvoice> lockExpired(@Param("now") Instant now, Limit limit);

    /** Records that the storage confirmation went out, without touching the row's status or version. */
    @Transactional
    @Modifying
    @Query("update StoredInvoice i set i.confirmedAt = :now where i.id = :id")
    int recordConfirmed(@Param("id") Long id, @Param("now") Instant now);

    /** Counts {@code times} servings, the last at {@code last}, without loading or locking the row. */
    @Transactional
    @Modifying
    @Query("update StoredInvoice i set i.servedCount = i.servedCount + :times, i.lastServedAt = "
            + "case when i.lastServedAt is null or i.lastServedAt < :last then :last else i.lastServedAt end "
            + "where i.id = :id")
    int recordServed(@Param("id") Long id, @Param("times") long times, @Param("last") Instant last);
}
