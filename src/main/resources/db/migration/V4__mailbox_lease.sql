-- Mailbox delivery leases rows instead of holding row locks while a peer is written to: a row
-- leased by a replica is left alone by the others until the lease runs out.
alter table mailbox_message add column leased_until timestamptz;
