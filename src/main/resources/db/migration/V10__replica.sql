-- The live replicas of this node (replica/ReplicaHeartbeat): each renews its row every third of
-- sis.replicas.heartbeat-ttl and deletes it when it stops; a row past expires_at is a dead replica.
create table replica (
    id         varchar(64) primary key,
    started_at timestamptz not null default now(),
    expires_at timestamptz not null
);
