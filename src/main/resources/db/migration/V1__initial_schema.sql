-- Static invoice server: the whole protocol's state (DESIGN.md, steps 1-5).

-- A wallet the operator registered; its server paths carry an authenticated context naming it.
create table recipient (
    id                      bigint generated always as identity primary key,
    recipient_id            bytea        not null,
    label                   varchar(200),
    status                  varchar(16)  not null default 'ACTIVE',
    max_slots               integer      not null,
    paths_relative_expiry_s bigint,
    paths_expire_at         timestamptz,
    request_burst           integer,
    request_refill_ms       integer,
    store_burst             integer,
    store_refill_ms         integer,
    created_at              timestamptz  not null default now(),
    updated_at              timestamptz  not null default now(),
    revoked_at              timestamptz,
    version                 bigint       not null default 0,
    constraint recipient_id_unique unique (recipient_id),
    constraint recipient_id_length check (octet_length(recipient_id) between 1 and 1024),
    constraint recipient_status_valid check (status in ('ACTIVE', 'REVOKED')),
    constraint recipient_max_slots_valid check (max_slots between 1 and 65536),
    constraint recipient_revoked_at check ((status = 'REVOKED') = (revoked_at is not null)),
    constraint recipient_rate_overrides_positive check (
        coalesce(request_burst, 1) > 0 and coalesce(request_refill_ms, 1) > 0
        and coalesce(store_burst, 1) > 0 and coalesce(store_refill_ms, 1) > 0)
);
create index recipient_status_created on recipient (status, created_at);
create index recipient_label on recipient (label);

-- Offer paths handed out in OfferPaths (75542); an invoice is accepted only for its own slot's paths.
create table offer_path (
    id           bigint generated always as identity primary key,
    recipient_id bigint      not null references recipient (id) on delete cascade,
    slot         integer     not null,
    path_hash    bytea       not null,
    issued_at    timestamptz not null default now(),
    expires_at   timestamptz not null,
    constraint offer_path_hash_length check (octet_length(path_hash) = 32),
    constraint offer_path_slot_valid check (slot between 0 and 65535),
    constraint offer_path_hash_unique unique (path_hash)
);
create index offer_path_recipient_slot on offer_path (recipient_id, slot);
create index offer_path_expires on offer_path (expires_at);

-- Static invoices per (recipient, slot); exactly one current (PENDING or ACTIVE) per slot,
-- older ones stay as history (SUPERSEDED, REVOKED, EXPIRED).
create table static_invoice (
    id                    bigint generated always as identity primary key,
    recipient_id          bigint       not null references recipient (id) on delete cascade,
    slot                  integer      not null,
    status                varchar(16)  not null,
    invoice               bytea        not null,
    forward_path          bytea        not null,
    reply_path            bytea,
    offer_id              bytea        not null,
    signing_pubkey        bytea        not null,
    amount_msat           bigint,
    currency              varchar(3),
    description           text,
    payment_path_count    integer      not null,
    invoice_created_at    timestamptz  not null,
    expires_at            timestamptz  not null,
    stored_at             timestamptz  not null default now(),
    approved_at           timestamptz,
    confirmed_at          timestamptz,
    revoked_at            timestamptz,
    revoke_reason         varchar(500),
    superseded_at         timestamptz,
    served_count          bigint       not null default 0,
    last_served_at        timestamptz,
    version               bigint       not null default 0,
    constraint static_invoice_status_valid
        check (status in ('PENDING', 'ACTIVE', 'REVOKED', 'EXPIRED', 'SUPERSEDED')),
    constraint static_invoice_slot_valid check (slot between 0 and 65535),
    constraint static_invoice_size check (octet_length(invoice) between 1 and 65535),
    constraint static_invoice_offer_id_length check (octet_length(offer_id) = 32),
    constraint static_invoice_signing_pubkey_length check (octet_length(signing_pubkey) = 33),
    constraint static_invoice_served_count check (served_count >= 0),
    constraint static_invoice_amount check (amount_msat is null or amount_msat > 0),
    constraint static_invoice_path_count check (payment_path_count >= 1)
);
create unique index static_invoice_current_per_slot on static_invoice (recipient_id, slot)
    where status in ('PENDING', 'ACTIVE');
create index static_invoice_recipient_slot on static_invoice (recipient_id, slot, stored_at desc);
create index static_invoice_status_expires on static_invoice (status, expires_at);
create index static_invoice_offer_id on static_invoice (offer_id);

-- Every status change of an invoice, newest last: GET /api/v1/invoices/{id}/history.
create table static_invoice_history (
    id          bigint generated always as identity primary key,
    invoice_id  bigint       not null references static_invoice (id) on delete cascade,
    from_status varchar(16),
    to_status   varchar(16)  not null,
    changed_at  timestamptz  not null default now(),
    actor       varchar(100) not null,
    reason      varchar(500)
);
create index static_invoice_history_invoice on static_invoice_history (invoice_id, id);

-- Onion messages waiting for an offline peer (forwarded invoice_requests, held_htlc_available).
create table mailbox_message (
    id                  bigint generated always as identity primary key,
    destination_node_id bytea       not null,
    message             bytea       not null,
    enqueued_at         timestamptz not null default now(),
    expires_at          timestamptz not null,
    constraint mailbox_destination_length check (octet_length(destination_node_id) = 33),
    constraint mailbox_message_size check (octet_length(message) between 1 and 65535)
);
create index mailbox_destination_order on mailbox_message (destination_node_id, id);
create index mailbox_expires on mailbox_message (expires_at);

-- Addresses where peers were reached, so a replica can connect to deliver to them.
create table peer_address (
    node_id   bytea        primary key,
    host      varchar(255) not null,
    port      integer      not null,
    last_seen timestamptz  not null default now(),
    constraint peer_address_node_id_length check (octet_length(node_id) = 33),
    constraint peer_address_port_valid check (port between 1 and 65535)
);

-- Append-only log of protocol events and operator actions.
create table audit_event (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz  not null default now(),
    kind         varchar(40)  not null,
    actor        varchar(100) not null,
    recipient_id bigint,
    invoice_id   bigint,
    detail       varchar(2000)
);
create index audit_event_time on audit_event (occurred_at desc);
create index audit_event_recipient on audit_event (recipient_id, occurred_at desc);
create index audit_event_kind on audit_event (kind, occurred_at desc);
