// Overview: tiles and live charts of /api/v1/stats/history (the server's own meters over the last hour).
import { api } from './api.js';
import { $ } from './dom.js';

const COLORS = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#4b5563'];
const STATUS_COLORS = { PENDING: '#a16207', ACTIVE: '#15803d', REVOKED: '#b91c1c', EXPIRED: '#4b5563', SUPERSEDED: '#7e22ce' };
const charts = {};
let timer = null;
let ui = null;

export function enter(context) {
  ui = context;
  refresh();
}

export function leave() {
  clearTimeout(timer);
  timer = null;
}

async function refresh() {
  try {
    const [history, node] = await Promise.all([api('GET', '/api/v1/stats/history'), api('GET', '/api/v1/node')]);
    $('#node-line').textContent = `Node ${node.nodeId} · listening on ${node.listenAddresses.join(', ') || 'nothing'}`;
    $('#history-interval').textContent = history.intervalSeconds;
    draw(history.samples);
    timer = setTimeout(refresh, Math.min(history.intervalSeconds, 10) * 1000);
  } catch (error) {
    ui.failed(error);
    timer = setTimeout(refresh, 10000);
  }
}

function draw(samples) {
  const labels = samples.map(s => new Date(s.at).toISOString().slice(11, 19));
  const last = samples[samples.length - 1];
  $('#tile-served').textContent = last ? (last.requestsPerSecond.served || 0).toFixed(1) : '–';
  $('#tile-p99').textContent = last && last.handlingMillis.p99 !== undefined ? `${last.handlingMillis.p99.toFixed(1)} ms` : '–';
  $('#tile-peers').textContent = last ? last.peersConnected : '–';
  $('#tile-mailbox').textContent = last ? last.mailboxSize : '–';

  chart('chart-requests', labels, keyed(samples, s => s.requestsPerSecond));
  chart('chart-latency', labels, ['p50', 'p90', 'p99'].map(p => series(p, samples.map(s => s.handlingMillis[p] ?? null))));
  chart('chart-peers', labels, [series('peers connected', samples.map(s => s.peersConnected)),
    series('mailbox size', samples.map(s => s.mailboxSize))]);
  chart('chart-drops', labels, keyed(samples, s => s.dropsPerSecond));
  chart('chart-invoices', labels, Object.keys(STATUS_COLORS).map(status =>
    series(status, samples.map(s => s.invoicesByStatus[status] ?? null), STATUS_COLORS[status])));
}

/** One dataset per key that occurs in any sample; a sample without the key had none (0). */
function keyed(samples, pick) {
  const keys = [...new Set(samples.flatMap(s => Object.keys(pick(s))))].sort();
  return keys.map(key => series(key, samples.map(s => pick(s)[key] || 0)));
}

function series(label, data, color) {
  return { label, data, borderColor: color, backgroundColor: color, pointRadius: data.length < 60 ? 2 : 0, borderWidth: 2,
    tension: 0, spanGaps: true };
}

function chart(id, labels, datasets) {
  datasets.forEach((d, i) => {
    d.borderColor ??= COLORS[i % COLORS.length];
    d.backgroundColor ??= d.borderColor;
  });
  const existing = charts[id];
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets = datasets;
    existing.update('none');
    return;
  }
  charts[id] = new window.Chart($(`#${id}`), {
    type: 'line',
    data: { labels, datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true }, x: { ticks: { maxTicksLimit: 8 } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    },
  });
}
