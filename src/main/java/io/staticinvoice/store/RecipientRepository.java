package io.staticinvoice.store;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Recipients by surrogate key or by their protocol recipient id. */
public interface RecipientRepository extends JpaRepository<Recipient, Long>, JpaSpecificationExecutor<Recipient> {

    Optional<Recipient> findByRecipientId(byte[] recipientId);

    /** Reads a recipient under a share lock: its revocation waits for, or is seen by, the caller. */
    @Lock(LockModeType.PESSIMISTIC_READ)
    @Query("select r from Recipient r where r.id = :id")
    Optional<Recipient> lockShared(@Param("id") Long id);
}
