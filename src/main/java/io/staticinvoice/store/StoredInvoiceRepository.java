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

    /** Locks the rows of {@code ids} in id order, so that concurrent writers of servings never wait on each other in a cycle. */
    @Query(value = "select id from sis.static_invoice where id = any(cast(:ids as bigint[])) order by id for update",
            nativeQuery = true)
    List<Long> lockInOrder(@Param("ids") Long[] ids);

    /**
     * Counts servings of several invoices in one statement: {@code times[i]} more for {@code ids[i]},
     * the last at {@code lasts[i]} unless a later one is recorded, without loading the rows.
     */
    @Transactional
    @Modifying
    @Query(value = "update sis.static_invoice i set served_count = i.served_count + s.times, "
            + "last_served_at = greatest(i.last_served_at, s.last) "
            + "from unnest(cast(:ids as bigint[]), cast(:times as bigint[]), cast(:lasts as timestamptz[])) "
            + "as s(id, times, last) where i.id = s.id", nativeQuery = true)
    int recordServed(@Param("ids") Long[] ids, @Param("times") Long[] times, @Param("lasts") Instant[] lasts);
}
