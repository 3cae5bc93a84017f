// The page: finds its elements, wires the client's events to the board, the chart and the badge, and keeps
// the user's choice of symbols. The only module that touches `document` and `window`.

import { TickwireClient } from './tickwire-client.js';
import { createBadge } from './badge.js';
import { createBoard } from './board.js';
import { createChart } from './chart.js';
import { createPicker } from './picker.js';
import {
  MAX_SYMBOLS, addressWithSymbols, defaultSymbols, readPreferences, saveSelected, saveSymbols,
} from './preferences.js';
import { Series } from './series.js';
import { SPARKLINE_POINTS } from './sparkline.js';
import { formatPrice } from './format.js';

/** Ticks loaded per symbol on arrival, for its sparkline. */
const SPARKLINE_HISTORY = SPARKLINE_POINTS;

/** Ticks loaded for the charted symbol, and kept per symbol: five minutes at two ticks a second. */
const CHART_HISTORY = 600;

/** History requests in flight at once, so that two hundred symbols do not open two hundred requests. */
const HISTORY_CONCURRENCY = 6;

/** Wait before asking again for the symbol list after a failure, milliseconds. */
const SYMBOLS_RETRY_MS = 5000;

/** A symbol list older than this is asked for again when the add control is used, milliseconds. */
const SYMBOLS_FRESH_MS = 30_000;

/** How often the badge's countdown, the tick age and the tab title are refreshed, milliseconds. */
const REFRESH_MS = 500;

/** How long a notice stays up, milliseconds. */
const NOTICE_MS = 8000;

/**
 * Headers of the page's API requests. `X-Requested-With` asks a server that requires login for a bare 401 once the
 * session is gone, instead of a Basic challenge that would make the browser ask for a password in a dialog.
 */
const API_HEADERS = Object.freeze({ Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' });

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the board works, it is just not remembered
  }
})();

const scheduleFrame = (callback) => window.requestAnimationFrame(callback);

const elements = {
  connection: document.getElementById('connection'),
  chart: document.getElementById('chart'),
  chartBody: document.querySelector('#chart .chart-body'),
  table: document.getElementById('board'),
  rowTemplate: document.getElementById('board-row'),
  picker: document.getElementById('add-symbol-form'),
  count: document.getElementById('board-count'),
  empty: document.getElementById('board-empty'),
  notice: document.getElementById('notice'),
};

/** @type {Map<string, Series>} recent prices of each symbol on the board */
const seriesBySymbol = new Map();
/** @type {Map<string, object>} latest tick of each symbol on the board, optional fields carried over */
const latestBySymbol = new Map();
/** @type {Map<string, object>} latest tick of every symbol, from `GET /api/symbols` */
const listedLatest = new Map();
/** @type {Set<string> | null} every symbol the server offers; null until `GET /api/symbols` answered */
let listedSymbols = null;
/** When the symbol list was last asked for, epoch milliseconds. */
let listedAt = 0;
/** Symbols whose chart history (CHART_HISTORY ticks) has been asked for. */
const chartHistoryLoaded = new Set();

/** @type {string | null} */
let selected = null;
/** @type {Array<{symbol: string, limit: number}>} history requests not sent yet */
const historyQueue = [];
let historyInFlight = 0;
/** @type {number | undefined} */
let noticeTimer;

// A kiosk can stop after a few failed attempts and ask the person instead: /?maxAttempts=5
const maxAttempts = Number(new URLSearchParams(window.location.search).get('maxAttempts')) || Infinity;
const client = new TickwireClient(socketUrl(), { maxAttempts });

const badge = createBadge(elements.connection, { onReconnect: () => client.reconnectNow() });
const chart = createChart(elements.chart, { scheduleFrame, theme: readTheme() });
const board = createBoard(elements.table, {
  template: elements.rowTemplate,
  scheduleFrame,
  onSelect: select,
  onRemove: (symbol) => removeSymbol(symbol),
});
const picker = createPicker(elements.picker, {
  onOpen: refreshSymbolList,
  onAdd: (symbol) => {
    addSymbol(symbol);
    select(symbol);
    board.reveal(symbol);
  },
});

client.on('state', (state) => {
  badge.setState(state, Date.now());
  elements.table.dataset.stale = String(state.status !== 'live');
});
client.on('tick', (tick, meta) => applyTick(tick, Boolean(meta?.snapshot), Boolean(meta?.replay)));
client.on('rtt', (ms) => badge.setRtt(ms));
client.on('rejected', (entries) => {
  for (const { symbol } of entries) removeSymbol(symbol, { unsubscribe: false });
  notify(`Removed from the board: ${entries.map(({ symbol, code, message }) => `${symbol} (${message || code})`).join(', ')}`);
});
// The client recovers a loss by resubscribing with resume; the count is kept where an operator or a test can see it.
let gaps = 0;
client.on('gap', ({ symbol, expected, got }) => {
  gaps += 1;
  document.body.dataset.gaps = String(gaps);
  console.warn(`tickwire: ${symbol} expected seq ${expected}, got ${got}; resuming`);
});
// The client answers these itself (a rate limit waits, a refused subscribe comes as 'rejected'): nothing to show.
client.on('serverError', (error) => console.warn('tickwire: the server answered with an error', error));

// Lifecycle: a hidden tab and a lost network are the client's to act on; the page only reports them.
document.addEventListener('visibilitychange', () => client.setVisible(!document.hidden));
window.addEventListener('online', () => client.setOnline(navigator.onLine));
window.addEventListener('offline', () => client.setOnline(navigator.onLine));
client.setVisible(!document.hidden);
client.setOnline(navigator.onLine);

// The chart follows its box, the screen's pixel density and the colour scheme.
new ResizeObserver(([entry]) => {
  chart.resize(entry.contentRect.width, entry.contentRect.height, window.devicePixelRatio);
}).observe(elements.chartBody);
watchPixelRatio();
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => chart.setTheme(readTheme()));

window.setInterval(refresh, REFRESH_MS);

start();

async function start() {
  const preferences = readPreferences({ search: window.location.search, storage });
  // A remembered board goes live at once; the symbol list only feeds the add control and the defaults.
  if (preferences.symbols) {
    for (const symbol of preferences.symbols) addSymbol(symbol, { subscribe: false, remember: false });
    if (preferences.symbols.length) client.subscribe(preferences.symbols);
    select(board.has(preferences.selected) ? preferences.selected : board.symbols()[0] ?? null);
    // A shared link shows its board without replacing the one this browser remembers, until it is changed.
    if (preferences.source === 'url') remember({ store: false });
    showBoardSize();
  }
  client.start();

  const listed = await loadSymbolList();
  if (!preferences.symbols) {
    const initial = defaultSymbols(listed.map((entry) => entry.symbol));
    for (const symbol of initial) addSymbol(symbol, { subscribe: false, remember: false });
    if (initial.length) client.subscribe(initial);
    select(board.has(preferences.selected) ? preferences.selected : board.symbols()[0] ?? null);
    showBoardSize();
  }
}

/**
 * Asks for `GET /api/symbols` until it answers.
 *
 * @returns {Promise<Array<{symbol: string, latest?: object}>>}
 */
async function loadSymbolList() {
  for (;;) {
    try {
      return await fetchSymbolList();
    } catch (error) {
      notify(`Could not load the list of symbols (${error.message}); trying again.`);
      await new Promise((resolve) => window.setTimeout(resolve, SYMBOLS_RETRY_MS));
    }
  }
}

/**
 * Loads the symbols the server offers into the add control, and their latest ticks into rows still empty.
 *
 * @returns {Promise<Array<{symbol: string, latest?: object}>>}
 */
async function fetchSymbolList() {
  const response = await fetch('/api/symbols', { headers: API_HEADERS });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const listed = await response.json();
  listedAt = Date.now();
  listedSymbols = new Set(listed.map((entry) => entry.symbol));
  for (const { symbol, latest } of listed) {
    if (latest) {
      listedLatest.set(symbol, latest);
      seedTick(latest);
    }
  }
  picker.setAvailable(listed.map((entry) => entry.symbol));
  pumpHistory();
  return listed;
}

/** The add control is about to be used: a list older than {@link SYMBOLS_FRESH_MS} may lack new symbols. */
function refreshSymbolList() {
  if (listedSymbols && Date.now() - listedAt > SYMBOLS_FRESH_MS) {
    listedAt = Date.now();
    fetchSymbolList().catch((error) => console.warn('could not refresh the list of symbols', error));
  }
}

/**
 * @param {string} symbol
 * @param {{subscribe?: boolean, remember?: boolean}} [options] whether to subscribe now, whether to save the board
 */
function addSymbol(symbol, { subscribe = true, remember: save = true } = {}) {
  if (board.has(symbol)) return;
  if (board.size >= MAX_SYMBOLS) {
    notify(`The board holds at most ${MAX_SYMBOLS} symbols.`);
    return;
  }
  const series = new Series(CHART_HISTORY);
  seriesBySymbol.set(symbol, series);
  board.add(symbol, series);
  const known = listedLatest.get(symbol);
  if (known) seedTick(known);
  if (subscribe) client.subscribe([symbol]);
  loadHistory(symbol, SPARKLINE_HISTORY);
  if (save) {
    remember();
    showBoardSize();
  }
}

/**
 * @param {string} symbol
 * @param {{unsubscribe?: boolean}} [options] false when the server already refused the symbol
 */
function removeSymbol(symbol, { unsubscribe = true } = {}) {
  if (!board.has(symbol)) return;
  const next = board.remove(symbol);
  seriesBySymbol.delete(symbol);
  latestBySymbol.delete(symbol);
  chartHistoryLoaded.delete(symbol);
  if (unsubscribe) client.unsubscribe([symbol]);
  if (selected === symbol) select(next ?? board.symbols()[0] ?? null);
  remember();
  showBoardSize();
}

/** @param {string | null} symbol the symbol to chart */
function select(symbol) {
  if (symbol !== null && !board.has(symbol)) return;
  if (symbol !== selected) {
    selected = symbol;
    board.select(symbol);
    chart.show(symbol, symbol ? seriesBySymbol.get(symbol) : null, symbol ? latestBySymbol.get(symbol) : undefined);
    saveSelected(storage, symbol);
  }
  if (symbol && !chartHistoryLoaded.has(symbol)) {
    chartHistoryLoaded.add(symbol);
    loadHistory(symbol, CHART_HISTORY, { first: true });
  }
}

/**
 * @param {object} tick as on the wire
 * @param {boolean} snapshot whether the client delivered it as a subscription's snapshot
 * @param {boolean} replay whether it is a missed tick the server replayed on resume
 */
function applyTick(tick, snapshot, replay) {
  const series = seriesBySymbol.get(tick.symbol);
  if (!series) return; // a tick that crossed an unsubscribe
  const before = series.lastSeq;
  series.push(tick, snapshot);
  if (snapshot && before !== undefined && tick.seq < before) {
    // The server's history started over (a new epoch): what the line showed is gone, load the new history.
    loadHistory(tick.symbol, tick.symbol === selected ? CHART_HISTORY : SPARKLINE_HISTORY, { first: tick.symbol === selected });
  }
  const previous = latestBySymbol.get(tick.symbol);
  latestBySymbol.set(tick.symbol, previous ? { ...previous, ...tick } : { ...tick });
  board.applyTick(tick, { snapshot });
  if (tick.symbol === selected) chart.update(tick);
  const now = Date.now();
  // A snapshot or a replayed tick may be old news: count it by its own time, unless the server's clock runs
  // ahead of ours. A live tick counts as received now, whatever the two clocks say.
  badge.noteTick(snapshot || replay ? Math.min(now, tick.ts) : now);
}

/**
 * Shows a tick known before the socket delivered any (from the HTTP API), unless the socket was first.
 *
 * @param {object} tick
 */
function seedTick(tick) {
  if (!seriesBySymbol.has(tick.symbol) || latestBySymbol.has(tick.symbol)) return;
  applyLoadedTick(tick);
}

function applyLoadedTick(tick) {
  seriesBySymbol.get(tick.symbol).push(tick);
  latestBySymbol.set(tick.symbol, { ...tick });
  board.applyTick(tick, { snapshot: true });
  if (tick.symbol === selected) chart.update(tick);
}

/**
 * Loads recent ticks of a symbol into its series, a few requests at a time, once the symbol list tells which
 * symbols the server has (a symbol it does not have is rejected on the socket, and has no history either).
 *
 * @param {string} symbol
 * @param {number} limit ticks to ask for
 * @param {{first?: boolean}} [options] jump the queue (the chart is waiting for it)
 */
function loadHistory(symbol, limit, { first = false } = {}) {
  // A symbol containing "/" cannot be named in the history path (PROTOCOL.md, "Clarifications").
  if (symbol.includes('/')) return;
  const job = { symbol, limit };
  if (first) historyQueue.unshift(job); else historyQueue.push(job);
  pumpHistory();
}

function pumpHistory() {
  if (!listedSymbols) return;
  while (historyInFlight < HISTORY_CONCURRENCY && historyQueue.length) {
    const { symbol, limit } = historyQueue.shift();
    if (!seriesBySymbol.has(symbol) || !listedSymbols.has(symbol)) continue;
    historyInFlight++;
    fetchHistory(symbol, limit)
      .catch((error) => console.warn(`could not load the history of ${symbol}`, error))
      .finally(() => {
        historyInFlight--;
        pumpHistory();
      });
  }
}

async function fetchHistory(symbol, limit) {
  const response = await fetch(`/api/symbols/${encodeURIComponent(symbol)}/ticks?limit=${limit}`, {
    headers: API_HEADERS,
  });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const ticks = await response.json();
  const series = seriesBySymbol.get(symbol);
  if (!series || !ticks.length) return;
  if (!latestBySymbol.has(symbol)) {
    applyLoadedTick(ticks[ticks.length - 1]);
  }
  series.merge(ticks);
  board.seriesChanged(symbol);
  if (symbol === selected) chart.seriesChanged();
}

/**
 * Saves the board's symbols and puts them in the address, so that a reload or a shared link shows the same.
 *
 * @param {{store?: boolean}} [options] false to update only the address
 */
function remember({ store = true } = {}) {
  const symbols = board.symbols();
  if (store) saveSymbols(storage, symbols);
  const address = addressWithSymbols(window.location.href, symbols);
  if (address !== window.location.href) window.history.replaceState(window.history.state, '', address);
}

function showBoardSize() {
  const symbols = board.symbols();
  picker.setOnBoard(symbols);
  elements.count.textContent = symbols.length ? `${symbols.length}` : '';
  elements.empty.hidden = symbols.length > 0;
}

/** @param {string} text shown above the board for a few seconds */
function notify(text) {
  elements.notice.textContent = text;
  elements.notice.hidden = false;
  window.clearTimeout(noticeTimer);
  noticeTimer = window.setTimeout(() => {
    elements.notice.hidden = true;
  }, NOTICE_MS);
}

function refresh() {
  badge.refresh(Date.now());
  const latest = selected ? latestBySymbol.get(selected) : undefined;
  const title = latest ? `${selected} ${formatPrice(latest.price)} · Tickwire` : 'Tickwire';
  if (document.title !== title) document.title = title;
}

/** @returns {string} the socket's address: the page's host, `ws:` or `wss:` after the page, the path from the meta tag */
function socketUrl() {
  const path = document.querySelector('meta[name="tickwire-socket-path"]')?.content.trim() || '/ws/ticker';
  const url = new URL(path, window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.href;
}

/** @returns {import('./chart.js').ChartTheme} the chart's colours, from the style sheet's custom properties */
function readTheme() {
  const style = window.getComputedStyle(document.documentElement);
  const value = (name) => style.getPropertyValue(name).trim();
  return {
    text: value('--text'),
    muted: value('--muted'),
    grid: value('--grid'),
    up: value('--up'),
    down: value('--down'),
    flat: value('--accent'),
    surface: value('--surface'),
    onAccent: value('--on-accent'),
    fontFamily: style.fontFamily,
  };
}

/** Redraws the chart sharp when the window moves to a screen of another density, or the page is zoomed. */
function watchPixelRatio() {
  const query = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
  query.addEventListener('change', () => {
    const box = elements.chartBody.getBoundingClientRect();
    chart.resize(box.width, box.height, window.devicePixelRatio);
    watchPixelRatio();
  }, { once: true });
}
