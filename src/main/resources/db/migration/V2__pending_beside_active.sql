-- In manual approval mode a refreshed invoice waits PENDING while the slot's approved invoice
-- keeps being served: a slot may now hold one ACTIVE and one PENDING invoice at once.
drop index static_invoice_current_per_slot;
create unique index static_invoice_active_per_slot on static_invoice (recipient_id, slot) where status = 'ACTIVE';
create unique index static_invoice_pending_per_slot on static_invoice (recipient_id, slot) where status = 'PENDING';
