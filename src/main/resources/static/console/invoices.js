// Invoices: filter and page the stored invoices; one invoice's decoded fields and history.
import { api } from './api.js';
import { $, el, fill, when, short, amount, instantOf, pager } from './dom.js';
import { decodedFields } from './decoded.js';

let ui = null;
let wired = false;
let lists = 0;

export function enter(context, invoiceId) {
  ui = context;
  if (!wired) {
    wired = true;
    $('#invoice-filter').addEventListener('submit', event => { event.preventDefault(); list(0); });
  }
  list(0);
  if (invoiceId) show(Number(invoiceId));
  else $('#invoice-detail').hidden = true;
}

export function leave() {}

async function list(page) {
  const mine = ++lists;
  try {
    const result = await api('GET', '/api/v1/invoices', { query: {
      status: $('#invoice-status').value, recipient: $('#invoice-recipient').value.trim(),
      expiringBefore: instantOf($('#invoice-expiring')), page, size: 25 } });
    if (mine !== lists) return;
    fill($('#invoices-table tbody'), result.items.length === 0
      ? el('tr', {}, el('td', { colspan: 9 }, 'No invoice matches.'))
      : result.items.map(i => el('tr', {},
        el('td', {}, el('a', { href: `#invoices/${i.id}` }, `#${i.id}`)),
        el('td', { class: 'mono', title: i.recipientId }, short(i.recipientId)),
        el('td', {}, i.slot), el('td', {}, i.status), el('td', {}, amount(i)), el('td', {}, i.description ?? '—'),
        el('td', {}, when(i.storedAt)), el('td', {}, when(i.expiresAt)), el('td', {}, i.timesServed))));
    pager($('#invoices-pager'), result, list);
  } catch (error) {
    ui.failed(error);
  }
}

async function show(id) {
  try {
    const [detail, history] = await Promise.all([api('GET', `/api/v1/invoices/${id}`),
      api('GET', `/api/v1/invoices/${id}/history`)]);
    $('#invoice-detail').hidden = false;
    $('#invoice-detail-title').textContent = `Invoice #${id}`;
    fill($('#invoice-decoded'), decodedFields(detail));
    fill($('#invoice-history'), history.map(h => el('li', {},
      `${when(h.changedAt)}: ${h.fromStatus ? `${h.fromStatus} → ` : ''}${h.toStatus} by ${h.actor}${h.reason ? ` (${h.reason})` : ''}`)));
    $('#invoice-detail').scrollIntoView({ block: 'start' });
  } catch (error) {
    ui.failed(error);
  }
}
