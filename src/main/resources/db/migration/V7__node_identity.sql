-- The node id whose key serves this database (one row). A start that had to generate a new node
-- key (say, from another working directory) is refused while recipients exist, since their paths
-- are sealed with the old key; the refusal names the node whose key to restore.
create table node_identity (
    singleton   boolean     primary key default true,
    node_id     bytea       not null,
    recorded_at timestamptz not null default now(),
    constraint node_identity_one_row check (singleton),
    constraint node_identity_node_id_length check (octet_length(node_id) = 33)
);
