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

    @Transactional
    @Modifying
    @Query("delete from OfferPath p where p.expiresAt <= :now")
    int deleteExpired(@Param("now") Instant now);
}
