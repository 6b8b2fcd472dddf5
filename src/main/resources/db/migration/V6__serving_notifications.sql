-- Every change that can change what the server answers an invoice_request with notifies
-- channel sis_serving with the recipient's key, on commit, so every replica drops what it holds
-- in memory for that recipient (server/ServingCache). Triggers rather than application code, so
-- no change is missed, whoever makes it. Counting servings (served_count, last_served_at) is no
-- such change and notifies nothing.
create function sis.notify_serving_invoice() returns trigger language plpgsql as $$
begin
    perform pg_notify('sis_serving', coalesce(new.recipient_id, old.recipient_id)::text);
    return null;
end;
$$;

create trigger static_invoice_serving_insert_delete
    after insert or delete on static_invoice
    for each row execute function sis.notify_serving_invoice();

create trigger static_invoice_serving_update
    after update on static_invoice
    for each row
    when (old.status is distinct from new.status
          or old.expires_at is distinct from new.expires_at
          or old.invoice is distinct from new.invoice
          or old.forward_path is distinct from new.forward_path
          or old.recipient_id is distinct from new.recipient_id
          or old.slot is distinct from new.slot)
    execute function sis.notify_serving_invoice();

create function sis.notify_serving_recipient() returns trigger language plpgsql as $$
begin
    perform pg_notify('sis_serving', coalesce(new.id, old.id)::text);
    return null;
end;
$$;

create trigger recipient_serving_update
    after update on recipient
    for each row
    when (old.status is distinct from new.status
          or old.max_slots is distinct from new.max_slots
          or old.request_burst is distinct from new.request_burst
          or old.request_refill_ms is distinct from new.request_refill_ms
          or old.store_burst is distinct from new.store_burst
          or old.store_refill_ms is distinct from new.store_refill_ms)
    execute function sis.notify_serving_recipient();

create trigger recipient_serving_delete
    after delete on recipient
    for each row execute function sis.notify_serving_recipient();
