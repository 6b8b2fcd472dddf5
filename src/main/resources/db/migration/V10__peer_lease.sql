-- Which replica keeps each configured peer (sis.lightning.peers) connected: exactly one at a
-- time, by a lease it renews (gateway/PostgresPeerLeases). A replica that dies stops renewing, and
-- another takes the peer over once the lease has expired.
create table peer_lease (
    node_id    bytea       primary key,
    holder     varchar(64) not null,
    expires_at timestamptz not null,
    constraint peer_lease_node_id_length check (octet_length(node_id) = 33)
);
