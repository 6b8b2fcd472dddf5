// Recipients: search by id or label, register (server paths with a copy button and a QR code), change limits, revoke.
import { api, ApiError } from './api.js';
import { $, el, fill, fields, when, short, pager } from './dom.js';

const HEX_ID = /^([0-9a-fA-F]{2}){1,1024}$/;
let ui = null;
let shown = null;
let wired = false;
let searches = 0;

export function enter(context) {
  ui = context;
  if (!wired) wire();
  search(0);
}

export function leave() {}

function wire() {
  wired = true;
  $('#recipient-search').addEventListener('submit', event => { event.preventDefault(); search(0); });
  $('#register-form').addEventListener('submit', event => { event.preventDefault(); register(); });
  $('#copy-paths').addEventListener('click', copyPaths);
  $('#limits-form').addEventListener('submit', event => { event.preventDefault(); saveLimits(); });
  $('#revoke-recipient').addEventListener('click', revoke);
  $('#new-paths').addEventListener('click', newPaths);
}

async function search(page) {
  const query = $('#recipient-query').value.trim();
  const mine = ++searches;
  try {
    if (HEX_ID.test(query) && query.length >= 16) {
      const recipient = await api('GET', `/api/v1/recipients/${query}`).catch(error => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      });
      const items = recipient ? [recipient] : [];
      if (mine !== searches) return;
      rows(items);
      pager($('#recipients-pager'), { page: 0, totalPages: items.length, totalItems: items.length }, () => {});
      return;
    }
    const result = await api('GET', '/api/v1/recipients',
      { query: { label: query || undefined, status: $('#recipient-status').value, page, size: 25 } });
    if (mine !== searches) return;
    rows(result.items);
    pager($('#recipients-pager'), result, search);
  } catch (error) {
    ui.failed(error);
  }
}

function rows(items) {
  fill($('#recipients-table tbody'), items.length === 0
    ? el('tr', {}, el('td', { colspan: 5 }, 'No recipient matches.'))
    : items.map(r => el('tr', { class: 'clickable' },
      el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => show(r.recipientId) }, r.label || '(no label)')),
      el('td', { class: 'mono', title: r.recipientId }, short(r.recipientId)),
      el('td', {}, r.status), el('td', {}, r.maxSlots), el('td', {}, when(r.createdAt)))));
}

function number(input) {
  return input.value === '' ? undefined : Number(input.value);
}

async function register() {
  const body = {
    label: $('#register-label').value.trim() || undefined,
    recipientId: $('#register-id').value.trim() || undefined,
    maxSlots: number($('#register-slots')),
    pathsRelativeExpirySeconds: number($('#register-expiry')),
  };
  try {
    const registration = await api('POST', '/api/v1/recipients', { body });
    ui.notify(`Registered ${registration.recipient.label || short(registration.recipientId)}.`);
    $('#register-form').reset();
    $('#register-panel').open = false;
    showPaths(registration.serverPaths);
    await search(0);
    await show(registration.recipientId);
  } catch (error) {
    ui.failed(error);
  }
}

function showPaths(serverPaths) {
  $('#registration').hidden = false;
  $('#server-paths').value = serverPaths;
  $('#copy-result').textContent = '';
  const qr = fill($('#paths-qr'));
  try {
    new window.QRCode(qr, { text: serverPaths, width: 320, height: 320, correctLevel: window.QRCode.CorrectLevel.L });
  } catch (error) {
    fill(qr, el('p', { class: 'muted' }, `No QR code: ${error.message || error}`));
  }
  $('#server-paths').focus();
  $('#registration').scrollIntoView({ block: 'start' });
}

async function copyPaths() {
  const text = $('#server-paths').value;
  try {
    await navigator.clipboard.writeText(text);
    $('#copy-result').textContent = 'Copied.';
  } catch {
    $('#server-paths').select();
    $('#copy-result').textContent = 'Selected: press Ctrl+C to copy.';
  }
}

async function show(recipientId) {
  try {
    const r = await api('GET', `/api/v1/recipients/${recipientId}`);
    shown = r;
    $('#recipient-detail').hidden = false;
    $('#recipient-detail-title').textContent = `Recipient ${r.label || short(r.recipientId)}`;
    const rate = s => s ? `${s.burst} at once, one per ${s.refillMillis} ms` : 'server default';
    $('#recipient-fields').replaceWith(Object.assign(fields([
      ['Recipient id', el('span', { class: 'mono' }, r.recipientId)],
      ['Label', r.label], ['Status', r.status], ['Invoice slots', String(r.maxSlots)],
      ['Paths expire', r.pathsExpireAt ? when(r.pathsExpireAt) : 'never'],
      ['invoice_request rate', rate(r.requestRate)], ['Store rate', rate(r.storeRate)],
      ['Created', when(r.createdAt)], ['Revoked', r.revokedAt ? when(r.revokedAt) : null],
    ]), { id: 'recipient-fields' }));
    const invoice = i => i ? el('a', { href: `#invoices/${i.id}` }, `#${i.id} ${i.status}`) : '—';
    fill($('#slots-table tbody'), r.slots.length === 0
      ? el('tr', {}, el('td', { colspan: 4 }, 'No slot in use yet.'))
      : r.slots.map(s => el('tr', {}, el('td', {}, s.slot), el('td', {}, `${s.offerPaths} (until ${when(s.offerPathsExpireAt)})`),
        el('td', {}, invoice(s.activeInvoice)), el('td', {}, invoice(s.pendingInvoice)))));
    $('#limits-label').value = r.label || '';
    $('#limits-slots').value = r.maxSlots;
    $('#limits-request-burst').value = r.requestRate?.burst ?? '';
    $('#limits-request-refill').value = r.requestRate?.refillMillis ?? '';
    $('#limits-store-burst').value = r.storeRate?.burst ?? '';
    $('#limits-store-refill').value = r.storeRate?.refillMillis ?? '';
    const revoked = r.status === 'REVOKED';
    for (const control of document.querySelectorAll('#limits-form input, #limits-form button, #new-paths, #revoke-recipient')) {
      control.disabled = revoked;
    }
  } catch (error) {
    ui.failed(error);
  }
}

function rateOf(burst, refill) {
  const b = number(burst);
  const r = number(refill);
  return b === undefined && r === undefined ? undefined : { burst: b, refillMillis: r };
}

async function saveLimits() {
  const body = {
    label: $('#limits-label').value.trim() || undefined,
    maxSlots: number($('#limits-slots')),
    requestRate: rateOf($('#limits-request-burst'), $('#limits-request-refill')),
    storeRate: rateOf($('#limits-store-burst'), $('#limits-store-refill')),
  };
  try {
    await api('PATCH', `/api/v1/recipients/${shown.recipientId}`, { body });
    ui.notify('Saved.');
    await show(shown.recipientId);
  } catch (error) {
    ui.failed(error);
  }
}

async function newPaths() {
  try {
    const registration = await api('POST', `/api/v1/recipients/${shown.recipientId}/paths`);
    showPaths(registration.serverPaths);
    await show(shown.recipientId);
  } catch (error) {
    ui.failed(error);
  }
}

async function revoke() {
  if (!window.confirm(`Revoke ${shown.label || shown.recipientId}? Its invoices stop being served and its paths stop working.`)) return;
  try {
    await api('POST', `/api/v1/recipients/${shown.recipientId}/revoke`);
    ui.notify('Recipient revoked.');
    await show(shown.recipientId);
    await search(0);
  } catch (error) {
    ui.failed(error);
  }
}
