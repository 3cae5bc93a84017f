import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SendBudget } from '../send-budget.js';

test('allows a burst of capacity, then refills at the rate', () => {
  let now = 0;
  const budget = new SendBudget({ ratePerSecond: 20, now: () => now });
  for (let i = 0; i < 20; i++) {
    assert.ok(budget.tryTake(), `message ${i}`);
  }
  assert.equal(budget.tryTake(), false);
  assert.equal(budget.msUntilAvailable(), 50);
  now += 49;
  assert.equal(budget.tryTake(), false);
  now += 1;
  assert.ok(budget.tryTake());
  now += 10000;
  let taken = 0;
  while (budget.tryTake()) {
    taken++;
  }
  assert.equal(taken, 20, 'never more than the capacity');
});

test('exhaust empties it; a clock going back adds nothing', () => {
  let now = 1000;
  const budget = new SendBudget({ ratePerSecond: 10, capacity: 5, now: () => now });
  budget.exhaust();
  assert.equal(budget.tryTake(), false);
  now -= 500;
  assert.equal(budget.tryTake(), false);
  now += 100;
  assert.ok(budget.tryTake());
});

test('refuses a rate that cannot work', () => {
  assert.throws(() => new SendBudget({ ratePerSecond: 0 }), RangeError);
});
