// The operator console: sign-in, the role of the key, and one view per hash (#overview, #approvals, ...,
// #invoices/42 for one invoice).
import { api, session, whenUnauthorized, ApiError } from './api.js';
import { $, fill } from './dom.js';
import * as overview from './overview.js';
import * as approvals from './approvals.js';
import * as recipients from './recipients.js';
import * as invoices from './invoices.js';
import * as audit from './audit.js';

const VIEWS = { overview, approvals, recipients, invoices, audit };
const PENDING_POLL_MS = 5000;

/** What every view may use: the signed-in key and the status line. */
export const ui = {
  caller: null,
  canChange: () => ui.caller?.role === 'OPERATOR',
  notify(message, error = false) {
    const status = $('#status');
    status.textContent = message;
    status.classList.toggle('error', error);
  },
  failed(error) {
    ui.notify(error instanceof ApiError ? error.message : `Failed: ${error.message}`, true);
  },
};

let current = null;
let pendingTimer = null;

async function signIn(key) {
  const caller = await api('GET', '/api/v1/me', { key });
  session.keep(key);
  ui.caller = caller;
  document.body.classList.toggle('viewer', caller.role !== 'OPERATOR');
  for (const element of document.querySelectorAll('.operator-only')) element.hidden = caller.role !== 'OPERATOR';
  fill($('#who'), `${caller.name} (${caller.role})`);
  $('#sign-in').hidden = true;
  $('#app').hidden = false;
  pollPending();
  route();
}

function signOut(message) {
  session.forget();
  ui.caller = null;
  current?.leave?.();
  current = null;
  clearTimeout(pendingTimer);
  $('#app').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-error').textContent = message || '';
  $('#api-key').value = '';
  $('#api-key').focus();
}

function route() {
  if (!ui.caller) return;
  const [view, argument] = location.hash.slice(1).split('/');
  const name = view in VIEWS ? view : 'overview';
  current?.leave?.();
  ui.notify('');
  for (const section of document.querySelectorAll('[data-view-section]')) {
    section.hidden = section.dataset.viewSection !== name;
  }
  for (const link of document.querySelectorAll('nav a[data-view]')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  window.scrollTo(0, 0);
  current = VIEWS[name];
  current.enter(ui, argument);
}

/** Keeps the pending-approval badge current on every view. */
async function pollPending() {
  try {
    const page = await api('GET', '/api/v1/invoices', { query: { status: 'PENDING', size: 1 } });
    const badge = $('#pending-badge');
    badge.hidden = page.totalItems === 0;
    badge.textContent = page.totalItems;
    badge.setAttribute('aria-label', `${page.totalItems} pending`);
    $('#tile-pending').textContent = page.totalItems;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) ui.failed(error);
  }
  if (ui.caller) pendingTimer = setTimeout(pollPending, PENDING_POLL_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  whenUnauthorized(() => signOut('The server no longer accepts this key; sign in again.'));
  $('#sign-in-form').addEventListener('submit', async event => {
    event.preventDefault();
    const key = $('#api-key').value.trim();
    try {
      await signIn(key);
    } catch (error) {
      $('#sign-in-error').textContent = error instanceof ApiError && error.status === 401
        ? 'This key is not accepted.' : `Sign-in failed: ${error.message}`;
    }
  });
  $('#sign-out').addEventListener('click', () => signOut());
  window.addEventListener('hashchange', route);
  const kept = session.key();
  if (kept) signIn(kept).catch(() => signOut());
  else $('#api-key').focus();
});
