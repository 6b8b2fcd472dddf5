// Approvals: PENDING invoices oldest first, each decoded, with approve and revoke-with-reason for OPERATOR keys.
// The queue polls the API, so arrivals show without a reload; j/k move, a approves, r revokes, Esc cancels.
import { api } from './api.js';
import { $, el, fill } from './dom.js';
import { decodedFields } from './decoded.js';

const POLL_MS = 2000;
const details = new Map();
/** The pending ids shown, oldest first; null until the first answer. */
let ids = null;
let selected = null;
let timer = null;
let active = false;
let ui = null;

export function enter(context) {
  ui = context;
  ids = null;
  active = true;
  fill($('#approvals-list'));
  document.addEventListener('keydown', onKey);
  poll();
}

export function leave() {
  active = false;
  clearTimeout(timer);
  document.removeEventListener('keydown', onKey);
}

async function poll() {
  await load();
  if (active) timer = setTimeout(poll, POLL_MS);
}

async function load() {
  try {
    const page = await api('GET', '/api/v1/invoices', { query: { status: 'PENDING', sort: 'storedAt,asc', size: 200 } });
    const pending = page.items.map(i => i.id);
    for (const id of pending) {
      if (!details.has(id)) details.set(id, await api('GET', `/api/v1/invoices/${id}`));
    }
    if (ids === null || pending.join() !== ids.join()) render(pending);
  } catch (error) {
    ui.failed(error);
  }
}

function render(pending) {
  const focusedId = document.activeElement?.closest?.('.card')?.dataset.id;
  ids = pending;
  if (!ids.includes(selected)) selected = ids[0] ?? null;
  $('#approvals-empty').hidden = ids.length > 0;
  fill($('#approvals-list'), ids.map(id => card(details.get(id))));
  for (const id of [...details.keys()]) if (!ids.includes(id)) details.delete(id);
  markSelected();
  if (focusedId && ids.includes(Number(focusedId))) cardOf(Number(focusedId)).focus();
}

function card(detail) {
  const id = detail.id;
  const title = detail.decoded?.description ? `Invoice #${id}: “${detail.decoded.description}”` : `Invoice #${id}`;
  const children = [el('h2', { id: `pending-${id}-title` }, title), decodedFields(detail)];
  if (ui.canChange()) {
    const reason = el('input', { id: `reason-${id}`, maxlength: 500, 'aria-label': `Reason to revoke invoice ${id}`,
      placeholder: 'Reason to revoke', hidden: true });
    const confirm = el('button', { type: 'button', class: 'danger', hidden: true, onclick: () => revoke(id) }, 'Confirm revoke');
    children.push(el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'approve', 'aria-describedby': `pending-${id}-title`,
        onclick: () => approve(id) }, 'Approve'),
      el('button', { type: 'button', class: 'secondary revoke', 'aria-describedby': `pending-${id}-title`,
        onclick: () => askReason(id) }, 'Revoke…'),
      reason, confirm));
  }
  return el('li', { class: 'card', tabindex: 0, dataset: { id }, 'aria-labelledby': `pending-${id}-title`,
    onfocus: () => { selected = id; markSelected(); } }, children);
}

const cardOf = id => document.querySelector(`#approvals-list .card[data-id="${id}"]`);

function markSelected() {
  for (const c of document.querySelectorAll('#approvals-list .card')) {
    c.setAttribute('aria-current', String(Number(c.dataset.id) === selected));
  }
}

function askReason(id) {
  const c = cardOf(id);
  const reason = c.querySelector('input');
  reason.hidden = false;
  c.querySelector('button.danger').hidden = false;
  reason.focus();
  reason.onkeydown = event => {
    if (event.key === 'Enter') { event.preventDefault(); revoke(id); }
    if (event.key === 'Escape') { event.preventDefault(); cancelReason(id); }
  };
}

function cancelReason(id) {
  const c = cardOf(id);
  c.querySelector('input').hidden = true;
  c.querySelector('button.danger').hidden = true;
  c.focus();
}

async function approve(id) {
  try {
    await api('POST', `/api/v1/invoices/${id}/approve`);
    ui.notify(`Invoice #${id} approved: it is served and the wallet is told.`);
    await load();
  } catch (error) {
    ui.failed(error);
  }
}

async function revoke(id) {
  const reason = cardOf(id).querySelector('input').value.trim();
  if (!reason) {
    ui.notify('Give a reason to revoke.', true);
    cardOf(id).querySelector('input').focus();
    return;
  }
  try {
    await api('POST', `/api/v1/invoices/${id}/revoke`, { body: { reason } });
    ui.notify(`Invoice #${id} revoked: ${reason}`);
    await load();
  } catch (error) {
    ui.failed(error);
  }
}

function onKey(event) {
  if (ids === null || event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const index = ids.indexOf(selected);
  const move = step => {
    const next = ids[Math.min(Math.max(index + step, 0), ids.length - 1)];
    if (next !== undefined) cardOf(next).focus();
  };
  switch (event.key) {
    case 'j': move(1); break;
    case 'k': move(-1); break;
    case 'a': if (ui.canChange() && selected !== null) approve(selected); break;
    case 'r': if (ui.canChange() && selected !== null) { event.preventDefault(); askReason(selected); } break;
    default: return;
  }
}
