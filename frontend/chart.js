// The chart of the selected symbol: price over time on a canvas, with a price axis, a time axis, the last price
// tagged, and a crosshair under the pointer. It draws at most once per animation frame, and only when something
// changed, so a symbol ticking twenty times a second costs twenty draws a second.

import {
  formatChange, formatClock, formatPercent, formatPrice, formatShortClock, priceDecimals,
} from './format.js';

/**
 * @typedef {object} ChartTheme colours as CSS colour strings, and the canvas font family
 * @property {string} text
 * @property {string} muted
 * @property {string} grid
 * @property {string} up
 * @property {string} down
 * @property {string} flat
 * @property {string} surface the chart's background (the canvas is opaque), also behind labels
 * @property {string} onAccent text drawn on an up or down tag
 * @property {string} fontFamily
 */

/** Steps of the time axis, milliseconds: the smallest that keeps labels apart is used. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]
  .map((seconds) => seconds * 1000);

/** Shortest time span the x axis shows, milliseconds, so that the first few points do not fill the width. */
const MIN_SPAN_MS = 30_000;

/** Space, CSS pixels. */
const PAD_TOP = 14;
const PAD_BOTTOM = 26;
const PAD_LEFT = 10;
const AXIS_GAP = 8;
const FONT_SIZE = 11;
const LABEL_SPACING = 36;
const TIME_LABEL_SPACING = 72;

/**
 * @param {number} span distance between the lowest and highest value
 * @param {number} count about how many steps should fit
 * @returns {number} a round step: 1, 2 or 5 times a power of ten
 */
export function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normal = raw / magnitude;
  return (normal < 1.5 ? 1 : normal < 3 ? 2 : normal < 7 ? 5 : 10) * magnitude;
}

/**
 * @param {number} spanMs time the axis covers, milliseconds
 * @param {number} count most labels that fit
 * @returns {number} step between time labels, milliseconds
 */
export function timeStep(spanMs, count) {
  return TIME_STEPS.find((step) => spanMs / step <= Math.max(1, count)) ?? TIME_STEPS[TIME_STEPS.length - 1];
}

/**
 * @param {HTMLElement} root holding `canvas[data-part="canvas"]`, `[data-part="symbol"]`, `[data-part="price"]`,
 *   `[data-part="change"]`, `[data-part="time"]` and `[data-part="empty"]`
 * @param {object} options
 * @param {(callback: () => void) => void} options.scheduleFrame runs the callback before the next paint
 * @param {ChartTheme} options.theme
 */
export function createChart(root, { scheduleFrame, theme }) {
  const part = (name) => root.querySelector(`[data-part="${name}"]`);
  const canvas = part('canvas');
  // Opaque: the browser composites the canvas without blending it, which is what keeps twenty redraws a second
  // cheap where the page is rastered in software.
  const context = canvas.getContext('2d', { alpha: false });
  const header = { symbol: part('symbol'), price: part('price'), change: part('change'), time: part('time') };
  const empty = part('empty');

  let width = 0;
  let height = 0;
  let pixelRatio = 1;
  let colors = theme;
  /** @type {string | null} */
  let symbol = null;
  /** @type {import('./series.js').Series | null} */
  let series = null;
  /** @type {import('./board.js').Tick | undefined} */
  let latest;
  /** @type {number | null} pointer position over the canvas, CSS pixels from its left edge */
  let pointerX = null;
  let frameScheduled = false;
  let headerDirty = true;

  canvas.addEventListener('pointermove', (event) => {
    pointerX = event.offsetX;
    markDirty();
  });
  canvas.addEventListener('pointerleave', () => {
    pointerX = null;
    markDirty();
  });

  function markDirty() {
    if (!frameScheduled) {
      frameScheduled = true;
      scheduleFrame(frame);
    }
  }

  function frame() {
    frameScheduled = false;
    if (headerDirty) {
      renderHeader();
      headerDirty = false;
    }
    draw();
  }

  function renderHeader() {
    root.dataset.empty = String(!symbol);
    empty.hidden = Boolean(symbol);
    header.symbol.textContent = symbol ?? '';
    if (!latest) {
      header.price.textContent = '';
      header.change.textContent = '';
      header.time.textContent = '';
      root.dataset.change = 'flat';
      return;
    }
    const decimals = priceDecimals(latest.price);
    header.price.textContent = formatPrice(latest.price, decimals);
    if (Number.isFinite(latest.open) && latest.open !== 0) {
      const change = latest.price - latest.open;
      header.change.textContent = `${formatChange(change, decimals)} (${formatPercent(change / latest.open)})`;
      root.dataset.change = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    } else {
      header.change.textContent = '';
      root.dataset.change = 'flat';
    }
    header.time.textContent = `at ${formatClock(latest.ts)}`;
  }

  function font(weight = 400) {
    return `${weight} ${FONT_SIZE}px ${colors.fontFamily}`;
  }

  function draw() {
    if (!width || !height) return;
    const targetWidth = Math.round(width * pixelRatio);
    const targetHeight = Math.round(height * pixelRatio);
    if (canvas.width !== targetWidth || canvas.height !== targetHeight) {
      canvas.width = targetWidth;
      canvas.height = targetHeight;
    }
    context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    context.fillStyle = colors.surface;
    context.fillRect(0, 0, width, height);
    context.font = font();
    context.textBaseline = 'middle';

    if (!series || series.length === 0) {
      if (symbol) {
        context.fillStyle = colors.muted;
        context.textAlign = 'center';
        context.fillText('Waiting for ticks…', width / 2, height / 2);
      }
      return;
    }

    // Price scale: the visible range with a little air, in round steps.
    const { min, max } = series.range();
    const air = (max - min) * 0.12 || Math.max(Math.abs(max) * 0.002, 0.01);
    const low = min - air;
    const high = max + air;
    const plotHeight = height - PAD_TOP - PAD_BOTTOM;
    const priceStepSize = niceStep(high - low, Math.max(2, Math.floor(plotHeight / LABEL_SPACING)));
    const labelDecimals = Math.max(priceDecimals(max), Math.min(8, Math.max(0, -Math.floor(Math.log10(priceStepSize)))));
    const lastPrice = series.priceAt(series.length - 1);
    // Rounded up to 8 px, so that the plot does not twitch when a label gains or loses a digit's width.
    const axisWidth = Math.ceil((Math.max(
      context.measureText(formatPrice(high, labelDecimals)).width,
      context.measureText(formatPrice(low, labelDecimals)).width,
      context.measureText(formatPrice(lastPrice, labelDecimals)).width,
    ) + 2 * AXIS_GAP + 4) / 8) * 8;
    const left = PAD_LEFT;
    const right = width - axisWidth;
    const top = PAD_TOP;
    const bottom = height - PAD_BOTTOM;
    if (right - left < 20 || bottom - top < 20) return;

    // Time scale: from the oldest point held to the newest, at least MIN_SPAN_MS wide.
    const newest = series.timeAt(series.length - 1);
    const oldest = Math.min(series.timeAt(0), newest - MIN_SPAN_MS);
    const xOf = (time) => left + ((time - oldest) / (newest - oldest)) * (right - left);
    const yOf = (price) => bottom - ((price - low) / (high - low)) * (bottom - top);

    // Grid and price labels; a label the last price's tag would cover is left out.
    const lastY = yOf(lastPrice);
    context.lineWidth = 1;
    context.strokeStyle = colors.grid;
    context.fillStyle = colors.muted;
    context.textAlign = 'left';
    context.beginPath();
    for (let price = Math.ceil(low / priceStepSize) * priceStepSize; price <= high; price += priceStepSize) {
      const y = Math.round(yOf(price)) + 0.5;
      context.moveTo(left, y);
      context.lineTo(right, y);
      if (Math.abs(y - lastY) > FONT_SIZE + 6) context.fillText(formatPrice(price, labelDecimals), right + AXIS_GAP, y);
    }
    // Time labels, on round times.
    const step = timeStep(newest - oldest, Math.floor((right - left) / TIME_LABEL_SPACING));
    const offset = new Date(newest).getTimezoneOffset() * 60_000;
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (let time = Math.ceil((oldest - offset) / step) * step + offset; time <= newest; time += step) {
      const x = Math.round(xOf(time)) + 0.5;
      context.moveTo(x, top);
      context.lineTo(x, bottom);
      const text = step >= 60_000 ? formatShortClock(time) : formatClock(time);
      const half = context.measureText(text).width / 2;
      if (x - half >= 0 && x + half <= right) context.fillText(text, x, bottom + 7);
    }
    context.stroke();
    context.strokeStyle = colors.muted;
    context.beginPath();
    context.moveTo(left, bottom + 0.5);
    context.lineTo(right, bottom + 0.5);
    context.stroke();

    // The reference the board's change is measured against: the line's colour says where the price is now.
    const open = latest?.open;
    let openY = null;
    const trend = Number.isFinite(open)
      ? Math.sign(lastPrice - open)
      : Math.sign(lastPrice - series.priceAt(0));
    const lineColor = trend > 0 ? colors.up : trend < 0 ? colors.down : colors.flat;
    if (Number.isFinite(open) && open >= low && open <= high) {
      const y = Math.round(yOf(open)) + 0.5;
      context.save();
      context.setLineDash([2, 4]);
      context.strokeStyle = colors.muted;
      context.beginPath();
      context.moveTo(left, y);
      context.lineTo(right, y);
      context.stroke();
      context.restore();
      openY = y;
    }

    // The price: an area under a line, clipped to the plot.
    context.save();
    context.beginPath();
    context.rect(left, top - 2, right - left, bottom - top + 4);
    context.clip();
    // Stretches of continuous ticks; where ticks were lost the line leaves a gap instead of inventing prices.
    const stretches = [];
    for (let i = 0; i < series.length; i++) {
      if (i === 0 || series.breakAt(i)) stretches.push([i, i]); else stretches[stretches.length - 1][1] = i;
    }
    const fill = context.createLinearGradient(0, top, 0, bottom);
    fill.addColorStop(0, withAlpha(lineColor, 0.22));
    fill.addColorStop(1, withAlpha(lineColor, 0));
    context.fillStyle = fill;
    context.beginPath();
    for (const [from, to] of stretches) {
      context.moveTo(xOf(series.timeAt(from)), bottom);
      for (let i = from; i <= to; i++) context.lineTo(xOf(series.timeAt(i)), yOf(series.priceAt(i)));
      context.lineTo(xOf(series.timeAt(to)), bottom);
      context.closePath();
    }
    context.fill();
    context.beginPath();
    for (const [from, to] of stretches) {
      context.moveTo(xOf(series.timeAt(from)), yOf(series.priceAt(from)));
      for (let i = from + 1; i <= to; i++) context.lineTo(xOf(series.timeAt(i)), yOf(series.priceAt(i)));
    }
    context.lineJoin = 'round';
    context.lineWidth = 1.75;
    context.strokeStyle = lineColor;
    context.stroke();
    context.restore();
    const lineEnd = { x: xOf(newest), y: lastY };

    // The open line's label, over the area so that the line does not run through it.
    if (openY !== null) {
      const text = `open ${formatPrice(open, labelDecimals)}`;
      const labelWidth = context.measureText(text).width + 8;
      const labelY = openY - FONT_SIZE / 2 - 4 < top ? openY + FONT_SIZE / 2 + 4 : openY - FONT_SIZE / 2 - 4;
      context.fillStyle = withAlpha(colors.surface, 0.85);
      context.fillRect(left + 2, labelY - FONT_SIZE / 2 - 2, labelWidth, FONT_SIZE + 4);
      context.fillStyle = colors.muted;
      context.textAlign = 'left';
      context.textBaseline = 'middle';
      context.fillText(text, left + 6, labelY);
    }

    // Last price: a dot at the end of the line and a tag on the axis.
    context.fillStyle = lineColor;
    context.beginPath();
    context.arc(lineEnd.x, lineEnd.y, 3, 0, 2 * Math.PI);
    context.fill();
    tag(formatPrice(lastPrice, labelDecimals), right, lineEnd.y, lineColor, colors.onAccent, axisWidth);

    if (pointerX !== null && pointerX >= left && pointerX <= right) {
      crosshair(xOf, yOf, { left, right, top, bottom, axisWidth, labelDecimals, oldest, newest });
    }
  }

  function tag(text, x, y, background, color, axisWidth) {
    const tagHeight = FONT_SIZE + 8;
    const clampedY = Math.min(Math.max(y, PAD_TOP), height - PAD_BOTTOM);
    context.fillStyle = background;
    roundRect(x + 2, clampedY - tagHeight / 2, axisWidth - 4, tagHeight, 3);
    context.fill();
    context.fillStyle = color;
    context.font = font(600);
    context.textAlign = 'left';
    context.textBaseline = 'middle';
    context.fillText(text, x + AXIS_GAP, clampedY);
    context.font = font();
  }

  function crosshair(xOf, yOf, box) {
    const time = box.oldest + ((pointerX - box.left) / (box.right - box.left)) * (box.newest - box.oldest);
    const index = series.nearest(time);
    if (index < 0) return;
    const pointTime = series.timeAt(index);
    const price = series.priceAt(index);
    const x = Math.round(xOf(pointTime)) + 0.5;
    const y = yOf(price);
    context.save();
    context.strokeStyle = colors.muted;
    context.setLineDash([3, 3]);
    context.beginPath();
    context.moveTo(x, box.top);
    context.lineTo(x, box.bottom);
    context.moveTo(box.left, Math.round(y) + 0.5);
    context.lineTo(box.right, Math.round(y) + 0.5);
    context.stroke();
    context.restore();
    context.fillStyle = colors.text;
    context.beginPath();
    context.arc(x, y, 3.5, 0, 2 * Math.PI);
    context.fill();
    tag(formatPrice(price, box.labelDecimals), box.right, y, colors.text, colors.surface, box.axisWidth);
    // Time of the point, under the axis.
    const text = formatClock(pointTime);
    const textWidth = context.measureText(text).width + 12;
    const boxX = Math.min(Math.max(x - textWidth / 2, box.left), box.right - textWidth);
    context.fillStyle = colors.text;
    roundRect(boxX, box.bottom + 3, textWidth, FONT_SIZE + 8, 3);
    context.fill();
    context.fillStyle = colors.surface;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(text, boxX + textWidth / 2, box.bottom + 3 + (FONT_SIZE + 8) / 2);
  }

  function roundRect(x, y, w, h, r) {
    context.beginPath();
    if (context.roundRect) {
      context.roundRect(x, y, w, h, r);
    } else {
      context.rect(x, y, w, h);
    }
  }

  return {
    /** @returns {string | null} the charted symbol */
    get symbol() {
      return symbol;
    },

    /**
     * Charts another symbol (or none).
     *
     * @param {string | null} nextSymbol
     * @param {import('./series.js').Series | null} nextSeries its recent prices
     * @param {import('./board.js').Tick} [tick] its latest tick, for the header and the `open` line
     */
    show(nextSymbol, nextSeries, tick) {
      symbol = nextSymbol;
      series = nextSeries;
      latest = tick;
      pointerX = null;
      canvas.setAttribute('aria-label', symbol ? `Price chart of ${symbol}` : 'Price chart');
      headerDirty = true;
      markDirty();
    },

    /**
     * A tick of the charted symbol arrived (its series already holds it).
     *
     * @param {import('./board.js').Tick} tick
     */
    update(tick) {
      if (tick.symbol !== symbol) return;
      // Optional fields missing from one tick keep their last value, as on the board.
      latest = latest ? { ...latest, ...tick } : { ...tick };
      headerDirty = true;
      markDirty();
    },

    /** The charted series changed other than by a tick (history loaded). */
    seriesChanged() {
      markDirty();
    },

    /**
     * @param {number} cssWidth the canvas's box, CSS pixels
     * @param {number} cssHeight
     * @param {number} ratio device pixels per CSS pixel
     */
    resize(cssWidth, cssHeight, ratio) {
      width = cssWidth;
      height = cssHeight;
      pixelRatio = ratio || 1;
      markDirty();
    },

    /** @param {ChartTheme} next colours for a changed colour scheme */
    setTheme(next) {
      colors = next;
      markDirty();
    },
  };
}

/**
 * @param {string} color `#rrggbb` or `rgb(r, g, b)`
 * @param {number} alpha 0 to 1
 * @returns {string} the colour at that opacity (other notations are returned unchanged)
 */
export function withAlpha(color, alpha) {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (hex) {
    const [r, g, b] = hex.slice(1).map((h) => parseInt(h, 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(color.trim());
  return rgb ? `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})` : color;
}
