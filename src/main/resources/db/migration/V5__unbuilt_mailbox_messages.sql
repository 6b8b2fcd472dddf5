-- The server's own messages for an offline node are kept unbuilt (path, message, reply path: a
-- few hundred bytes) and built into their onion (up to 32 KiB) only when the node connects.
alter table mailbox_message add column unbuilt boolean not null default false;
