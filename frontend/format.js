// How numbers and times read on the board. Pure functions: no DOM, no clock of their own.

/** Placeholder for a value the feed has not sent. */
export const MISSING = '–';

const priceFormats = new Map();
const changeFormats = new Map();

const percentFormat = new Intl.NumberFormat(undefined, {
  style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero',
});
const volumeFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 });
const clockFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
const shortClockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * Decimals to show for a price: cents for anything worth a unit or more, four places below that, so that a
 * symbol's column does not change width from one tick to the next.
 *
 * @param {number} price in the symbol's currency
 * @returns {number} fraction digits
 */
export function priceDecimals(price) {
  return Math.abs(price) >= 1 ? 2 : 4;
}

function cached(map, decimals, options) {
  let format = map.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      minimumFractionDigits: decimals, maximumFractionDigits: decimals, ...options,
    });
    map.set(decimals, format);
  }
  return format;
}

/**
 * @param {number | undefined | null} price in the symbol's currency
 * @param {number} [decimals] fraction digits; by default {@link priceDecimals} of the price itself
 * @returns {string} for example "189.23", or {@link MISSING}
 */
export function formatPrice(price, decimals = priceDecimals(price ?? 0)) {
  return Number.isFinite(price) ? cached(priceFormats, decimals).format(price) : MISSING;
}

/**
 * @param {number | undefined | null} change difference of two prices, in the symbol's currency
 * @param {number} [decimals] fraction digits
 * @returns {string} signed, for example "+1.33", "−0.20" (a minus sign, not a hyphen) or "0.00"
 */
export function formatChange(change, decimals = priceDecimals(change ?? 0)) {
  return Number.isFinite(change)
    ? typographicMinus(cached(changeFormats, decimals, { signDisplay: 'exceptZero' }).format(change))
    : MISSING;
}

/** A hyphen is narrower than a plus; the minus sign (U+2212) is as wide, so signed columns line up. */
function typographicMinus(text) {
  return text.replace('-', '\u2212');
}

/**
 * @param {number | undefined | null} ratio change divided by the reference price (0.0071 is 0.71 %)
 * @returns {string} signed percentage with two decimals, for example "+0.71%"
 */
export function formatPercent(ratio) {
  return Number.isFinite(ratio) ? typographicMinus(percentFormat.format(ratio)) : MISSING;
}

/**
 * @param {number | undefined | null} volume shares traded
 * @returns {string} compact, for example "1.2M"
 */
export function formatVolume(volume) {
  return Number.isFinite(volume) ? volumeFormat.format(volume) : MISSING;
}

/**
 * @param {number} epochMs a point in time, epoch milliseconds
 * @returns {string} local wall-clock time, 24-hour, for example "14:03:07"
 */
export function formatClock(epochMs) {
  return Number.isFinite(epochMs) ? clockFormat.format(epochMs) : MISSING;
}

/**
 * @param {number} epochMs a point in time, epoch milliseconds
 * @returns {string} local wall-clock time to the minute, for example "14:03"
 */
export function formatShortClock(epochMs) {
  return shortClockFormat.format(epochMs);
}

/**
 * @param {number} ageMs how long ago something happened, in milliseconds (negative counts as now)
 * @returns {string} "just now", "4 s ago", "3 min ago", "2 h ago"
 */
export function formatAge(ageMs) {
  const seconds = Math.floor(Math.max(0, ageMs) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

/**
 * @param {number} ms a duration in milliseconds
 * @returns {string} whole milliseconds below ten seconds ("12 ms"), seconds above
 */
export function formatDuration(ms) {
  if (!Number.isFinite(ms)) return MISSING;
  if (ms < 10_000) return `${Math.max(0, Math.round(ms))} ms`;
  return `${Math.round(ms / 1000)} s`;
}
