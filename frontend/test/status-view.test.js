import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sparklineShape } from '../sparkline.js';
import {
  describeStatus, formatBytes, formatMillis, formatRate, historySeries,
} from '../status-view.js';

const T0 = 1_763_760_000_000;

/** A number as the page's locale writes it, so that the tests hold in any locale. */
const fmt = (value, digits = 0) => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value);

function report(overrides = {}) {
  return {
    node: 'node-a',
    ts: T0 + 60_000,
    readiness: 'ACCEPTING_TRAFFIC',
    sessions: 3,
    subscriptions: 7,
    totals: { ticksPublished: 1200, messagesSent: 45_000, bytesSent: 3 * 1024 * 1024 },
    ticksConflated: { backlog: 4, max_rate: 10 },
    delayMs: { p50: 1.5, p99: 42, max: 120 },
    sessionsClosed: { 4009: 2, 1000: 5, other: 1 },
    handshakesRejected: { origin: 1, auth: 0, rate: 3, capacity: 0, shutdown: 0 },
    resumes: { recovered: 8, not_recovered: 1 },
    history: {
      intervalMs: 5000,
      points: [
        { ts: T0, sessions: 1, ticksPerSecond: 40, messagesPerSecond: 40, bytesPerSecond: 4000 },
        { ts: T0 + 5000, sessions: 2, ticksPerSecond: 40, messagesPerSecond: 80, bytesPerSecond: 8000 },
        { ts: T0 + 60_000, sessions: 3, ticksPerSecond: 40.04, messagesPerSecond: 120.25, bytesPerSecond: 12_288 },
      ],
    },
    ...overrides,
  };
}

describe('describeStatus', () => {
  test('figures take the latest point for rates and the counters for totals', () => {
    const { figures } = describeStatus(report());
    assert.equal(figures.sessions.value, '3');
    assert.equal(figures.sessions.detail, '7 subscriptions');
    assert.equal(figures.messages.value, `${fmt(120.3, 1)}/s`);
    assert.equal(figures.messages.detail, `${fmt(45_000)} since start`);
    assert.equal(figures.ticks.value, '40/s');
    assert.equal(figures.bytes.value, '12 KiB/s');
    assert.equal(figures.bytes.detail, '3 MiB since start');
    assert.equal(figures.delay.value, `${fmt(1.5, 1)} ms · 42 ms`);
    assert.equal(figures.conflated.value, '14');
    assert.match(figures.conflated.detail, /^4 falling behind · 10 under maxRate$/);
  });

  test('one subscription is not plural', () => {
    assert.equal(describeStatus(report({ subscriptions: 1 })).figures.sessions.detail, '1 subscription');
  });

  test('without history the rates are unknown, not zero', () => {
    const view = describeStatus(report({ history: { intervalMs: 5000, points: [] } }));
    assert.equal(view.figures.messages.value, '–');
    assert.equal(view.figures.ticks.value, '–');
    assert.equal(view.window, 'collecting…');
  });

  test('closes are listed by code, each in words, unknown codes as such', () => {
    const { closes } = describeStatus(report({ sessionsClosed: { 4009: 2, 1000: 5, 3999: 1 } }));
    assert.deepEqual(closes.map(({ key, label, count }) => [key, label, count]), [
      ['1000', 'normal', '5'],
      ['3999', 'unknown', '1'],
      ['4009', 'slow consumer', '2'],
    ]);
  });

  test('every refusal reason is listed, also those never seen', () => {
    const { refusals } = describeStatus(report({ handshakesRejected: { rate: 3 } }));
    assert.deepEqual(refusals.map(({ key, count }) => [key, count]),
      [['origin', '0'], ['auth', '0'], ['rate', '3'], ['capacity', '0'], ['shutdown', '0']]);
  });

  test('a node refusing traffic is not ready', () => {
    assert.equal(describeStatus(report()).ready, true);
    const draining = describeStatus(report({ readiness: 'REFUSING_TRAFFIC' }));
    assert.equal(draining.ready, false);
    assert.match(draining.readiness, /^Not ready/);
  });

  test('the charts cover the span of the history', () => {
    assert.equal(describeStatus(report()).window, 'last 1 min');
  });
});

describe('historySeries', () => {
  test('holds one point per sample, oldest first, and draws as a rising line', () => {
    const series = historySeries(report().history.points, 'sessions');
    assert.equal(series.length, 3);
    assert.deepEqual([0, 1, 2].map((i) => series.priceAt(i)), [1, 2, 3]);
    const shape = sparklineShape(series, series.length);
    assert.equal(shape.trend, 'up');
    assert.equal(shape.path.split(/[ML]/).filter(Boolean).length, 3);
  });

  test('an empty history draws nothing', () => {
    assert.equal(sparklineShape(historySeries([], 'sessions')).path, '');
  });
});

describe('formats', () => {
  test('bytes in binary units', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), `${fmt(1023)} B`);
    assert.equal(formatBytes(1536), `${fmt(1.5, 1)} KiB`);
    assert.equal(formatBytes(5 * 1024 ** 3), '5 GiB');
    assert.equal(formatBytes(undefined), '–');
  });

  test('rates and milliseconds', () => {
    assert.equal(formatRate(0), '0/s');
    assert.equal(formatRate(2.345), `${fmt(2.3, 1)}/s`);
    assert.equal(formatMillis(0.25), `${fmt(0.3, 1)} ms`);
    assert.equal(formatMillis(1234.4), `${fmt(1234)} ms`);
    assert.equal(formatMillis(Number.NaN), '–');
  });
});
