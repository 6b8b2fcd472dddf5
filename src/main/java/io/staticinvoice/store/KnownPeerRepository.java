package io.staticinvoice.store;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

/** The nodes the mailbox keeps messages for. */
public interface KnownPeerRepository extends JpaRepository<KnownPeer, byte[]> {

    /** Forgets the nodes that last connected before {@code cutoff}; returns how many. */
    @Transactional
    @Modifying
    @Query("delete from KnownPeer p where p.lastConnectedAt < :cutoff")
    int deleteConnectedBefore(@Param("cutoff") Instant cutoff);
}
