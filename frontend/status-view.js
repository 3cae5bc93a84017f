// What the status page shows, from one answer of `GET /api/status`. Pure functions: no DOM, no clock of their own.

import { MISSING } from './format.js';
import { Series } from './series.js';

/** Words for the close codes a server may count (PROTOCOL.md, "Close codes"); any other code is shown as it is. */
const CLOSE_CODE_NAMES = new Map([
  ['1000', 'normal'],
  ['1001', 'going away or silent'],
  ['1002', 'protocol error'],
  ['1003', 'binary frame'],
  ['1005', 'no code'],
  ['1006', 'dropped without a close'],
  ['1007', 'invalid UTF-8'],
  ['1008', 'signed out'],
  ['1009', 'message too big'],
  ['1010', 'extension refused'],
  ['1011', 'server error'],
  ['1012', 'server restart'],
  ['1013', 'try again later'],
  ['4000', 'client gave up on silence'],
  ['4008', 'kept sending'],
  ['4009', 'slow consumer'],
  ['other', 'other codes'],
]);

/** Why handshakes are refused, in words, in the order shown. */
const REFUSAL_REASONS = [
  ['origin', 'foreign origin (403)'],
  ['auth', 'no or wrong login (401)'],
  ['rate', 'too many from one address (429)'],
  ['capacity', 'node full (503)'],
  ['shutdown', 'shutting down (503)'],
];

const countFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * @param {number | undefined} count
 * @returns {string} whole, grouped, for example "12,345"
 */
export function formatCount(count) {
  return Number.isFinite(count) ? countFormat.format(count) : MISSING;
}

/**
 * @param {number | undefined} perSecond
 * @returns {string} one decimal at most, for example "12.4/s"
 */
export function formatRate(perSecond) {
  return Number.isFinite(perSecond) ? `${rateFormat.format(perSecond)}/s` : MISSING;
}

/**
 * @param {number | undefined} bytes
 * @returns {string} in binary units, for example "1.5 KiB"
 */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return MISSING;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? countFormat.format(value) : rateFormat.format(value)} ${BYTE_UNITS[unit]}`;
}

/**
 * @param {number | undefined} ms
 * @returns {string} below ten milliseconds with one decimal, for example "2.5 ms", else whole
 */
export function formatMillis(ms) {
  if (!Number.isFinite(ms)) return MISSING;
  return ms < 10 ? `${rateFormat.format(ms)} ms` : `${countFormat.format(ms)} ms`;
}

/**
 * The recent values of one figure as a series the sparkline can draw.
 *
 * @param {Array<object>} points `history.points` of the report, oldest first
 * @param {string} key the figure, for example `sessions` or `messagesPerSecond`
 * @returns {Series}
 */
export function historySeries(points, key) {
  const series = new Series(Math.max(1, points.length));
  for (const point of points) {
    series.push({ seq: point.ts, ts: point.ts, price: point[key] });
  }
  return series;
}

/**
 * @param {object} report the answer of `GET /api/status`
 * @returns {object} what the page writes: `ready` and `readiness` for the badge, `figures` by name, each with
 *   `value` and `detail`, `closes`, `refusals` and `resumes` as rows of `{key, label, count}`, and `window`, the
 *   span the charts cover
 */
export function describeStatus(report) {
  const points = report.history?.points ?? [];
  const latest = points.at(-1);
  const conflated = report.ticksConflated ?? {};
  const totalConflated = (conflated.backlog ?? 0) + (conflated.max_rate ?? 0);
  const ready = report.readiness === 'ACCEPTING_TRAFFIC';
  return {
    ready,
    readiness: ready ? 'Ready' : 'Not ready: refusing traffic',
    figures: {
      sessions: {
        value: formatCount(report.sessions),
        detail: `${formatCount(report.subscriptions)} ${report.subscriptions === 1 ? 'subscription' : 'subscriptions'}`,
      },
      messages: {
        value: latest ? formatRate(latest.messagesPerSecond) : MISSING,
        detail: `${formatCount(report.totals?.messagesSent)} since start`,
      },
      ticks: {
        value: latest ? formatRate(latest.ticksPerSecond) : MISSING,
        detail: `${formatCount(report.totals?.ticksPublished)} since start`,
      },
      bytes: {
        value: latest ? `${formatBytes(latest.bytesPerSecond)}/s` : MISSING,
        detail: `${formatBytes(report.totals?.bytesSent)} since start`,
      },
      delay: {
        value: `${formatMillis(report.delayMs?.p50)} · ${formatMillis(report.delayMs?.p99)}`,
        detail: `median · 99th percentile; max ${formatMillis(report.delayMs?.max)}`,
      },
      conflated: {
        value: formatCount(totalConflated),
        detail: `${formatCount(conflated.backlog ?? 0)} falling behind · ${formatCount(conflated.max_rate ?? 0)} under maxRate`,
      },
    },
    closes: Object.entries(report.sessionsClosed ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => ({ key, label: CLOSE_CODE_NAMES.get(key) ?? 'unknown', count: formatCount(count) })),
    refusals: REFUSAL_REASONS.map(([key, label]) => ({
      key, label, count: formatCount(report.handshakesRejected?.[key] ?? 0),
    })),
    resumes: [
      { key: 'recovered', label: 'every missed tick replayed', count: formatCount(report.resumes?.recovered ?? 0) },
      { key: 'not_recovered', label: 'snapshot instead', count: formatCount(report.resumes?.not_recovered ?? 0) },
    ],
    window: windowOf(points),
  };
}

/** @returns {string} for example "last 10 min", from the first to the last point */
function windowOf(points) {
  if (points.length < 2) return 'collecting…';
  const minutes = Math.round((points.at(-1).ts - points[0].ts) / 60_000);
  return minutes < 1 ? `last ${Math.round((points.at(-1).ts - points[0].ts) / 1000)} s` : `last ${minutes} min`;
}
