-- Which replica each connected peer is connected to (relay/PostgresReplicaRelay), announced on
-- channel sis_presence; a row whose replica is no longer live (sis.replica) counts as connected
-- nowhere. invoice_requests forwarded to offline recipients are no longer stored here: they wait
-- in memory for a short while (relay/ForwardedRequests), so the forwarded_request class of V8 goes.
create table peer_presence (
    node_id      bytea       primary key,
    replica_id   varchar(64) not null,
    connected_at timestamptz not null default now(),
    constraint peer_presence_node_id_length check (octet_length(node_id) = 33)
);

delete from mailbox_message where forwarded_request;
alter table mailbox_message drop column forwarded_request;
