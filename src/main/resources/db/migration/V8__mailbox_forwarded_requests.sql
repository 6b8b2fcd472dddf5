-- invoice_requests forwarded to an offline recipient are bounded per destination apart from its
-- other mail (sis.mailbox.max-forwarded-requests-per-peer), so payers cannot push that mail out.
alter table mailbox_message add column forwarded_request boolean not null default false;
