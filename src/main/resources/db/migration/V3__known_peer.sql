-- Nodes that completed a connection with this node (any replica). The mailbox keeps onion
-- messages only for them (and for configured peers): a relayed message cannot make the server
-- store data for an arbitrary node id, and so cannot push real messages out of the mailbox.
create table known_peer (
    node_id           bytea       primary key,
    last_connected_at timestamptz not null,
    constraint known_peer_node_id_length check (octet_length(node_id) = 33)
);
create index known_peer_last_connected on known_peer (last_connected_at);

-- Nodes this server already knew keep their mail: those it connected to, and those with
-- messages waiting (they connected before, or their messages would not be there).
insert into known_peer (node_id, last_connected_at)
select node_id, last_seen from peer_address
on conflict (node_id) do nothing;
insert into known_peer (node_id, last_connected_at)
select destination_node_id, max(enqueued_at) from mailbox_message group by destination_node_id
on conflict (node_id) do update set last_connected_at = greatest(known_peer.last_connected_at, excluded.last_connected_at);
