// The decoded content of a stored static invoice (GET /api/v1/invoices/{id}), shared by Approvals and Invoices.
import { el, fields, when, short } from './dom.js';

function amountOf(decoded) {
  if (!decoded.amount) return 'any amount (the payer chooses)';
  return `${decoded.amount.value} ${decoded.amount.unit}`;
}

function paymentPath(path) {
  const intro = path.introductionNode.nodeId
    ? short(path.introductionNode.nodeId) : `${path.introductionNode.shortChannelId} (${path.introductionNode.direction})`;
  return el('li', {}, `via ${intro}, ${path.hops} hops, fee ${path.feeBaseMsat} msat + ${path.feeProportionalMillionths} ppm, `
    + `CLTV Δ ${path.cltvExpiryDelta}, HTLC ${path.htlcMinimumMsat}–${path.htlcMaximumMsat} msat`);
}

/** The invoice's fields as a definition list; {@code detail} is an InvoiceDetailResponse. */
export function decodedFields(detail) {
  const d = detail.decoded;
  const common = [
    ['Invoice', `#${detail.id} · slot ${detail.slot} · ${detail.status}`],
    ['Recipient', el('span', { class: 'mono', title: detail.recipientId }, short(detail.recipientId))],
    ['Stored', when(detail.storedAt)],
  ];
  if (!d) return fields([...common, ['Decoding', `failed: ${detail.decodeError}`]]);
  return fields([
    ...common,
    ['Signature', d.signatureValid
      ? el('span', { class: 'sig-ok' }, '✓ valid')
      : el('span', { class: 'sig-bad' }, '✗ does not verify')],
    ['Amount', amountOf(d)],
    ['Description', d.description],
    ['Issuer', d.issuer],
    ['Offer', el('span', { class: 'mono', title: d.offer }, short(d.offer))],
    ['Offer id', el('span', { class: 'mono' }, short(d.offerId))],
    ['Signing key', el('span', { class: 'mono' }, short(d.signingPubkey))],
    ['Created', when(d.createdAt)],
    ['Expires', when(d.expiresAt)],
    ['Offer expires', d.offerExpiresAt ? when(d.offerExpiresAt) : 'never'],
    ['Payment paths', el('ul', {}, d.paymentPaths.map(paymentPath))],
    ['Message paths', String(d.messagePaths)],
  ]);
}
