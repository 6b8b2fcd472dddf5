// Small DOM helpers: elements are built with textContent only, so no API value is ever parsed as HTML.

/** Creates an element with attributes (on* names become listeners) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const $ = selector => document.querySelector(selector);

/** A definition list from [term, value] pairs; values may be nodes. */
export function fields(pairs) {
  return el('dl', { class: 'fields' }, pairs.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value ?? '—')]));
}

export function when(instant) {
  if (!instant) return '—';
  return new Date(instant).toISOString().replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

export function short(hex) {
  return hex && hex.length > 20 ? `${hex.slice(0, 10)}…${hex.slice(-8)}` : hex;
}

export function amount(invoice) {
  if (invoice.amountMsat === null || invoice.amountMsat === undefined) return 'any amount';
  return invoice.currency ? `${invoice.amountMsat} ${invoice.currency}` : `${invoice.amountMsat} msat`;
}

/** A datetime-local input's value as an ISO instant in UTC, or undefined. */
export function instantOf(input) {
  return input.value ? new Date(`${input.value}Z`).toISOString() : undefined;
}

/** Previous/next buttons for a page response; {@code go(page)} loads another page. */
export function pager(container, page, go) {
  fill(container,
    el('button', { type: 'button', class: 'secondary', disabled: page.page <= 0, onclick: () => go(page.page - 1) }, 'Previous'),
    el('span', {}, `Page ${page.totalPages === 0 ? 0 : page.page + 1} of ${page.totalPages} · ${page.totalItems} in all`),
    el('button', { type: 'button', class: 'secondary', disabled: page.page + 1 >= page.totalPages, onclick: () => go(page.page + 1) }, 'Next'));
}
