// Audit: the audit log filtered by actor, kind and time, newest first.
import { api } from './api.js';
import { $, el, fill, when, short, instantOf, pager } from './dom.js';

let ui = null;
let wired = false;
let lists = 0;

export function enter(context) {
  ui = context;
  if (!wired) {
    wired = true;
    $('#audit-filter').addEventListener('submit', event => { event.preventDefault(); list(0); });
  }
  list(0);
}

export function leave() {}

async function list(page) {
  const mine = ++lists;
  try {
    const result = await api('GET', '/api/v1/audit', { query: {
      actor: $('#audit-actor').value.trim(), kind: $('#audit-kind').value,
      from: instantOf($('#audit-from')), to: instantOf($('#audit-to')), page, size: 50 } });
    if (mine !== lists) return;
    fill($('#audit-table tbody'), result.items.length === 0
      ? el('tr', {}, el('td', { colspan: 6 }, 'No event matches.'))
      : result.items.map(e => el('tr', {},
        el('td', {}, when(e.occurredAt)), el('td', {}, e.kind), el('td', {}, e.actor),
        el('td', { class: 'mono', title: e.recipientId ?? '' }, short(e.recipientId) ?? '—'),
        el('td', {}, e.invoiceId ? el('a', { href: `#invoices/${e.invoiceId}` }, `#${e.invoiceId}`) : '—'),
        el('td', {}, e.detail ?? ''))));
    pager($('#audit-pager'), result, list);
  } catch (error) {
    ui.failed(error);
  }
}
