package io.staticinvoice.store;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** The persisted mailbox of onion messages for offline peers. */
public interface MailboxMessageRepository extends JpaRepository<MailboxMessage, Long> {

    @Transactional
    @Modifying
    @Query("delete from MailboxMessage m where m.expiresAt <= :now")
    int deleteExpired(@Param("now") Instant now);
}
