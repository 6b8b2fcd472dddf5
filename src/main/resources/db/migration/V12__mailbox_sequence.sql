-- Each destination's mailbox messages are numbered by a counter of its own (seq), so that keeping
-- only its newest max-per-peer messages costs one range delete on (destination, seq) per store
-- instead of a scan of all of the destination's messages (relay/PostgresMailbox). The counter row
-- also orders concurrent stores for one destination across replicas.
create table mailbox_sequence (
    destination_node_id bytea  primary key,
    last_seq            bigint not null,
    constraint mailbox_sequence_node_id_length check (octet_length(destination_node_id) = 33)
);

alter table mailbox_message add column seq bigint;
update mailbox_message m set seq = numbered.seq
from (select id, row_number() over (partition by destination_node_id order by id) as seq from mailbox_message) numbered
where m.id = numbered.id;
alter table mailbox_message alter column seq set not null;
insert into mailbox_sequence (destination_node_id, last_seq)
select destination_node_id, max(seq) from mailbox_message group by destination_node_id;

drop index mailbox_destination_order;
create index mailbox_destination_order on mailbox_message (destination_node_id, seq);
