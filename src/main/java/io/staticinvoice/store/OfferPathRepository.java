package io.staticinvoice.store;

import java.time.Instant;
import java.util.Collection;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Hashes of the offer paths issued per (recipient, slot). */
public interface OfferPathRepository extends JpaRepository<OfferPath, Long> {

    @Query("select count(p) from OfferPath p where p.recipient = :recipient and p.slot = :slot "
            + "and p.pathHash in :hashes and p.expiresAt > :now")
    long countIssued(@Param("recipient") Recipient recipient, @Param("slot") int slot,
                     @Param("hashes") Collection<byte[]> hashes, @Param("now") Instant now);

    /** Deletes a slot's offer paths beyond the {@code keep} most recently issued. */
    @Transactional
    @Modifying
    @Query(nativeQuery = true, value = "delete from sis.offer_path where recipient_id = :recipient and slot = :slot "
            + "and id not in (select id from sis.offer_path where recipient_id = :recipient and slot = :slot "
            + "order by id desc limit :keep)")
    int trimSlot(@Param("recipient") Long recipientPk, @Param("slot") int slot, @Param("keep") int keep);

    @Transactional
    @Modifying
    @Query("delete from OfferPath p where p.expiresAt <= :now")
    int deleteExpired(@Param("now") Instant now);
}
