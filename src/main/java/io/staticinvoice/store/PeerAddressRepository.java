package io.staticinvoice.store;

import org.springframework.data.jpa.repository.JpaRepository;

/** Last known addresses of peers, by node id. */
public interface PeerAddressRepository extends JpaRepository<PeerAddress, byte[]> {
}
