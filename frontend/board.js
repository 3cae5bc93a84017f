// The board: one table row per symbol. Ticks only mark a row dirty; the row's changed cells are written once
// per animation frame, so two hundred symbols ticking cost what their visible changes cost, no more.

import {
  formatChange, formatClock, formatPercent, formatPrice, formatVolume, priceDecimals,
} from './format.js';
import { renderSparkline, SPARKLINE_POINTS } from './sparkline.js';

/**
 * @typedef {object} Tick a tick as on the wire (PROTOCOL.md, "tick")
 * @property {string} symbol
 * @property {number} seq
 * @property {number} price
 * @property {number} [bid]
 * @property {number} [ask]
 * @property {number} [volume]
 * @property {number} [open]
 * @property {number} ts publish time, epoch milliseconds
 */

/** @typedef {ReturnType<typeof makeRow>} Row */

/** Cells a row template must hold, each marked `data-cell="name"`. */
const CELL_NAMES = ['symbol', 'price', 'change', 'percent', 'bid', 'ask', 'volume', 'time', 'spark'];

/**
 * @param {HTMLTableElement} table the board; rows go into its first `<tbody>`
 * @param {object} options
 * @param {HTMLTemplateElement} options.template one `<tr>` with the cells of {@link CELL_NAMES}, a
 *   `<svg><path/></svg>` in the spark cell and a `button[data-action="remove"]`
 * @param {(callback: () => void) => void} options.scheduleFrame runs the callback before the next paint
 *   (`requestAnimationFrame`)
 * @param {(symbol: string) => void} options.onSelect a row was clicked, or Enter or Space pressed on it
 * @param {(symbol: string) => void} options.onRemove a row's remove button was used
 * @param {number} [options.sparklinePoints] newest points a sparkline shows
 */
export function createBoard(table, { template, scheduleFrame, onSelect, onRemove, sparklinePoints = SPARKLINE_POINTS }) {
  const body = table.tBodies[0];
  /** @type {Map<string, Row>} in board order */
  const rows = new Map();
  /** @type {Set<Row>} */
  const dirty = new Set();
  let frameScheduled = false;
  let activeRow = null;
  let selectedRow = null;

  body.addEventListener('click', (event) => {
    const row = rowOf(event.target);
    if (!row) return;
    if (event.target.closest('[data-action="remove"]')) {
      onRemove(row.symbol);
      return;
    }
    activate(row);
    row.element.focus({ preventScroll: true });
    onSelect(row.symbol);
  });

  body.addEventListener('keydown', (event) => {
    const row = rowOf(event.target);
    if (!row || event.altKey || event.ctrlKey || event.metaKey) return;
    const onRow = event.target === row.element;
    if (onRow && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onSelect(row.symbol);
      return;
    }
    const next = {
      ArrowDown: () => row.element.nextElementSibling,
      ArrowUp: () => row.element.previousElementSibling,
      Home: () => body.firstElementChild,
      End: () => body.lastElementChild,
    }[event.key]?.();
    if (next !== undefined) {
      event.preventDefault();
      const target = next && rows.get(next.dataset.symbol);
      if (target) {
        activate(target);
        target.element.focus();
      }
    }
  });

  body.addEventListener('focusin', (event) => {
    const row = rowOf(event.target);
    if (row) activate(row);
  });

  function rowOf(node) {
    const element = typeof node?.closest === 'function' ? node.closest('tr[data-symbol]') : null;
    return element && body.contains(element) ? rows.get(element.dataset.symbol) : undefined;
  }

  /** Roving focus: only one row (and its remove button) is in the Tab order, arrow keys move between rows. */
  function activate(row) {
    if (activeRow === row) return;
    if (activeRow) setTabbable(activeRow, false);
    activeRow = row;
    if (row) setTabbable(row, true);
  }

  function setTabbable(row, tabbable) {
    row.element.tabIndex = tabbable ? 0 : -1;
    row.remove.tabIndex = tabbable ? 0 : -1;
  }

  function markDirty(row) {
    dirty.add(row);
    if (!frameScheduled) {
      frameScheduled = true;
      scheduleFrame(flush);
    }
  }

  function flush() {
    frameScheduled = false;
    for (const row of dirty) render(row);
    dirty.clear();
  }

  function render(row) {
    const { tick } = row;
    if (tick) {
      const decimals = priceDecimals(tick.price);
      const change = Number.isFinite(tick.open) ? tick.price - tick.open : undefined;
      write(row, 'price', formatPrice(tick.price, decimals));
      write(row, 'change', formatChange(change, decimals));
      write(row, 'percent', formatPercent(change !== undefined && tick.open !== 0 ? change / tick.open : undefined));
      write(row, 'bid', formatPrice(tick.bid, decimals));
      write(row, 'ask', formatPrice(tick.ask, decimals));
      write(row, 'volume', formatVolume(tick.volume));
      write(row, 'time', formatClock(tick.ts));
      const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
      if (row.element.dataset.change !== direction) row.element.dataset.change = direction;
      row.element.dataset.seq = String(tick.seq);
    }
    if (row.move) {
      // Two identical animations under different names: switching between them restarts the flash without
      // forcing a layout, however fast the ticks come.
      row.flip = !row.flip;
      row.cells.price.dataset.flash = `${row.move}-${row.flip ? 'a' : 'b'}`;
      row.move = null;
    }
    if (row.sparklineDirty) {
      renderSparkline(row.sparkline, row.series, sparklinePoints);
      row.sparklineDirty = false;
    }
  }

  function write(row, name, text) {
    if (row.shown[name] !== text) {
      row.shown[name] = text;
      row.cells[name].textContent = text;
    }
  }

  return {
    /** @returns {number} symbols on the board */
    get size() {
      return rows.size;
    },

    /** @returns {string[]} the board's symbols, top to bottom */
    symbols() {
      return [...rows.keys()];
    },

    /** @param {string} symbol */
    has(symbol) {
      return rows.has(symbol);
    },

    /**
     * Adds a row at the bottom; nothing happens if the symbol is already on the board.
     *
     * @param {string} symbol
     * @param {import('./series.js').Series} series the symbol's recent prices, drawn as its sparkline
     */
    add(symbol, series) {
      if (rows.has(symbol)) return;
      const element = template.content.firstElementChild.cloneNode(true);
      element.dataset.symbol = symbol;
      element.tabIndex = -1;
      const cells = {};
      for (const name of CELL_NAMES) cells[name] = element.querySelector(`[data-cell="${name}"]`);
      cells.symbol.textContent = symbol;
      const remove = element.querySelector('[data-action="remove"]');
      remove.setAttribute('aria-label', `Remove ${symbol}`);
      remove.title = `Remove ${symbol}`;
      remove.tabIndex = -1;
      const row = makeRow(symbol, element, cells, remove, series);
      row.sparkline = cells.spark.querySelector('svg');
      rows.set(symbol, row);
      body.append(element);
      if (!activeRow) activate(row);
      row.sparklineDirty = true;
      markDirty(row);
    },

    /**
     * @param {string} symbol
     * @returns {string | undefined} the symbol of the row that took its place (below it, else above), if any
     */
    remove(symbol) {
      const row = rows.get(symbol);
      if (!row) return undefined;
      const neighbour = row.element.nextElementSibling ?? row.element.previousElementSibling;
      const hadFocus = row.element.contains(row.element.ownerDocument.activeElement);
      rows.delete(symbol);
      dirty.delete(row);
      row.element.remove();
      if (selectedRow === row) selectedRow = null;
      const next = neighbour ? rows.get(neighbour.dataset.symbol) : undefined;
      if (activeRow === row) {
        activeRow = null;
        if (next) {
          activate(next);
          if (hadFocus) next.element.focus();
        }
      }
      return next?.symbol;
    },

    /**
     * Shows a tick in its row, at the next frame. The price flashes when it moved.
     *
     * @param {Tick} tick
     * @param {{snapshot?: boolean}} [meta] a snapshot may go back in seq (the server's history restarted)
     */
    applyTick(tick, { snapshot = false } = {}) {
      const row = rows.get(tick.symbol);
      if (!row) return;
      const previous = row.tick;
      if (previous && !snapshot && tick.seq <= previous.seq) return;
      if (previous && tick.price !== previous.price) row.move = tick.price > previous.price ? 'up' : 'down';
      // Optional fields missing from one tick keep their last value rather than blanking the cell.
      row.tick = previous ? { ...previous, ...tick } : { ...tick };
      row.sparklineDirty = true;
      markDirty(row);
    },

    /**
     * Redraws a symbol's sparkline at the next frame, after its series changed other than by a tick
     * (history loaded).
     *
     * @param {string} symbol
     */
    seriesChanged(symbol) {
      const row = rows.get(symbol);
      if (!row) return;
      row.sparklineDirty = true;
      markDirty(row);
    },

    /**
     * Scrolls the board just enough to show a row.
     *
     * @param {string} symbol
     */
    reveal(symbol) {
      rows.get(symbol)?.element.scrollIntoView({ block: 'nearest' });
    },

    /**
     * Marks the charted row.
     *
     * @param {string | null} symbol
     */
    select(symbol) {
      const row = symbol ? rows.get(symbol) : undefined;
      if (selectedRow === row) return;
      if (selectedRow) selectedRow.element.removeAttribute('aria-current');
      selectedRow = row ?? null;
      if (row) {
        row.element.setAttribute('aria-current', 'true');
        activate(row);
      }
    },
  };
}

function makeRow(symbol, element, cells, remove, series) {
  return {
    symbol,
    element,
    cells,
    remove,
    series,
    /** @type {SVGSVGElement | null} */
    sparkline: null,
    /** @type {Tick | undefined} the latest tick applied, with optional fields carried over */
    tick: undefined,
    /** Text currently in each cell, so that unchanged cells are not written. */
    shown: {},
    /** @type {'up' | 'down' | null} a price move not yet flashed */
    move: null,
    flip: false,
    sparklineDirty: false,
  };
}
