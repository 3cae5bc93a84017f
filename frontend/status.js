// The status page: asks the server for its figures every few seconds and shows them. The only status module that
// touches `document`; what it shows comes from status-view.js.

import { formatClock } from './format.js';
import { renderSparkline } from './sparkline.js';
import { describeStatus, historySeries } from './status-view.js';

/** How often the figures are asked for, milliseconds. */
const POLL_MS = 2000;

/** `X-Requested-With`: a lost session answers 401 without a challenge, so the browser opens no password dialog. */
const API_HEADERS = Object.freeze({ Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' });

const readiness = document.getElementById('readiness');
const notice = document.getElementById('notice');

poll();

async function poll() {
  try {
    const response = await fetch('/api/status', { headers: API_HEADERS, cache: 'no-store' });
    if (response.status === 401 || response.status === 403) {
      showProblem('Not allowed', 'Sign in as a user with the ADMIN role to see this node\'s status.');
    } else if (!response.ok) {
      showProblem(`Answered ${response.status}`, `The server answered ${response.status}; trying again.`);
    } else {
      render(await response.json());
    }
  } catch (error) {
    showProblem('No answer', `Cannot reach the server (${error.message}); trying again.`);
  }
  window.setTimeout(poll, POLL_MS);
}

/** @param {object} report the answer of `GET /api/status` */
function render(report) {
  const view = describeStatus(report);
  notice.hidden = true;
  readiness.dataset.status = view.ready ? 'live' : 'stopped';
  setText(readiness.querySelector('[data-part="label"]'), view.readiness);
  setText(document.getElementById('node'), report.node);
  setText(document.getElementById('updated'), `Updated ${formatClock(report.ts)}`);
  for (const [name, figure] of Object.entries(view.figures)) {
    const tile = document.querySelector(`[data-figure="${name}"]`);
    setText(tile.querySelector('[data-part="value"]'), figure.value);
    setText(tile.querySelector('[data-part="detail"]'), figure.detail);
    const chart = tile.querySelector('[data-chart]');
    if (chart) {
      const series = historySeries(report.history.points, chart.dataset.chart);
      renderSparkline(chart, series, series.length);
      setText(tile.querySelector('[data-part="window"]'), view.window);
    }
  }
  fillTable(document.getElementById('closes'), view.closes);
  document.querySelector('#closes + [data-part="empty"]').hidden = view.closes.length > 0;
  fillTable(document.getElementById('refusals'), view.refusals);
  fillTable(document.getElementById('resumes'), view.resumes);
}

/** @param {Array<{key: string, label: string, count: string}>} rows */
function fillTable(table, rows) {
  const body = table.tBodies[0];
  body.replaceChildren(...rows.map(({ key, label, count }) => {
    const row = document.createElement('tr');
    row.dataset.key = key;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = key;
    const words = document.createElement('td');
    words.className = 'counts-label';
    words.textContent = label;
    const number = document.createElement('td');
    number.className = 'num';
    number.textContent = count;
    row.append(name, words, number);
    return row;
  }));
}

/**
 * @param {string} label what the badge says, in two words
 * @param {string} text the notice above the figures, which stay as they were last seen
 */
function showProblem(label, text) {
  setText(notice, text);
  notice.hidden = false;
  readiness.dataset.status = 'reconnecting';
  setText(readiness.querySelector('[data-part="label"]'), label);
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}
