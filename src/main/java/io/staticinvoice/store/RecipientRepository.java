package io.staticinvoice.store;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Recipients by surrogate key or by their protocol recipient id. */
public interface RecipientRepository extends JpaRepository<Recipient, Long>, JpaSpecificationExecutor<Recipient> {

    Optional<Recipient> findByRecipientId(byte[] recipientId);
}
