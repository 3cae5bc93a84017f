import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seeded } from './seeded.js';
import { backoffCeiling, backoffDelay } from '../backoff.js';

function samples(attempt, options, count = 10000, seed = 42) {
  const random = seeded(seed);
  return Array.from({ length: count }, () => backoffDelay(attempt, options, random));
}

describe('backoffDelay', () => {
  test('the first delay is random within the first step', () => {
    const delays = samples(1, { baseDelayMs: 1000, maxDelayMs: 30000 });
    assert.ok(delays.every((d) => Number.isInteger(d) && d >= 0 && d < 1000));
    // full jitter: spread over the whole step, not bunched at its end
    assert.ok(Math.min(...delays) < 20, `min ${Math.min(...delays)}`);
    assert.ok(Math.max(...delays) > 980, `max ${Math.max(...delays)}`);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    assert.ok(Math.abs(mean - 500) < 25, `mean ${mean}`);
  });

  test('each step doubles the range, and every delay is below it', () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const ceiling = 1000 * 2 ** (attempt - 1);
      const delays = samples(attempt, { baseDelayMs: 1000, maxDelayMs: 30000 }, 2000, attempt);
      assert.ok(delays.every((d) => d >= 0 && d < ceiling), `attempt ${attempt}`);
      assert.ok(Math.max(...delays) > ceiling * 0.95, `attempt ${attempt} reaches near its ceiling`);
      assert.ok(Math.min(...delays) < ceiling * 0.05, `attempt ${attempt} reaches near 0`);
    }
  });

  test('the cap bounds every later attempt, however large', () => {
    for (const attempt of [6, 10, 30, 1100, Number.MAX_SAFE_INTEGER]) {
      const delays = samples(attempt, { baseDelayMs: 1000, maxDelayMs: 30000 }, 2000, 7);
      assert.ok(delays.every((d) => d >= 0 && d < 30000), `attempt ${attempt}`);
      assert.ok(Math.max(...delays) > 28500, `attempt ${attempt} is spread up to the cap`);
    }
    assert.equal(backoffCeiling(1100, { baseDelayMs: 1000, maxDelayMs: 30000 }), 30000);
  });

  test('defaults are a 1 s first step and a 30 s cap', () => {
    assert.equal(backoffCeiling(1), 1000);
    assert.equal(backoffCeiling(2), 2000);
    assert.equal(backoffCeiling(100), 30000);
    assert.equal(backoffDelay(1, undefined, () => 0.5), 500);
  });

  test('the jitter is drawn on every call, not once', () => {
    const random = seeded(1);
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3, {}, random)));
    assert.ok(delays.size > 15);
  });

  test('is pure: the same attempt, options and random value give the same delay', () => {
    assert.equal(backoffDelay(3, { baseDelayMs: 500, maxDelayMs: 10000 }, () => 0.25), 500);
    assert.equal(backoffDelay(3, { baseDelayMs: 500, maxDelayMs: 10000 }, () => 0.25), 500);
  });

  test('bounds hold for the edges of the random source and of attempt', () => {
    assert.equal(backoffDelay(1, {}, () => 0), 0);
    assert.equal(backoffDelay(1, {}, () => 0.9999999), 999);
    assert.equal(backoffDelay(1, {}, () => 1), 999, 'a source returning 1 stays below the ceiling');
    assert.equal(backoffDelay(1, {}, () => Number.NaN), 0);
    assert.equal(backoffDelay(0, {}, () => 0.5), 500, 'attempt 0 counts as the first');
    assert.equal(backoffDelay(-3, {}, () => 0.5), 500);
  });
});
