// A row's sparkline: the last prices of a series as one SVG path, scaled to fill its box, broken where ticks
// were lost.

/** Points a sparkline shows by default: the history the page loads per symbol. */
export const SPARKLINE_POINTS = 120;

/** Width and height of the sparkline's viewBox, in SVG user units; the SVG is stretched to its cell. */
export const VIEW_WIDTH = 100;
export const VIEW_HEIGHT = 28;

/** Room kept above and below the line, in user units, so that the stroke is not clipped. */
const PADDING = 2;

/**
 * @param {import('./series.js').Series} series
 * @param {number} [count] newest points to draw
 * @returns {{path: string, trend: 'up' | 'down' | 'flat'}} the path's `d` attribute (empty with fewer than two
 *   points) and whether the window ends above or below where it started
 */
export function sparklineShape(series, count = SPARKLINE_POINTS) {
  const n = Math.min(count, series.length);
  if (n < 2) return { path: '', trend: 'flat' };
  const from = series.length - n;
  const { min, max } = series.range(from);
  const span = max - min;
  const step = VIEW_WIDTH / (n - 1);
  const usable = VIEW_HEIGHT - 2 * PADDING;
  let path = '';
  for (let i = 0; i < n; i++) {
    const price = series.priceAt(from + i);
    const y = span > 0 ? PADDING + usable * (1 - (price - min) / span) : VIEW_HEIGHT / 2;
    const command = i === 0 || series.breakAt(from + i) ? 'M' : 'L';
    path += `${command}${(i * step).toFixed(2)} ${y.toFixed(2)}`;
  }
  const first = series.priceAt(from);
  const last = series.priceAt(series.length - 1);
  return { path, trend: last > first ? 'up' : last < first ? 'down' : 'flat' };
}

/**
 * Redraws a sparkline in place.
 *
 * @param {SVGSVGElement} svg holding one `<path>`
 * @param {import('./series.js').Series} series
 * @param {number} [count] newest points to draw
 */
export function renderSparkline(svg, series, count = SPARKLINE_POINTS) {
  const { path, trend } = sparklineShape(series, count);
  svg.firstElementChild.setAttribute('d', path);
  if (svg.dataset.trend !== trend) svg.dataset.trend = trend;
}
