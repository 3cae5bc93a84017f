import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SequenceTracker, TickVerdict } from '../sequence-tracker.js';

test('a symbol without a position is untracked', () => {
  const tracker = new SequenceTracker();
  assert.equal(tracker.accept('AAPL', 1).verdict, TickVerdict.UNTRACKED);
  assert.equal(tracker.isBehind('AAPL', 5), false);
});

test('the next seq is accepted and becomes the position', () => {
  const tracker = new SequenceTracker();
  tracker.reset('AAPL', 'e1', 10);
  assert.equal(tracker.accept('AAPL', 11).verdict, TickVerdict.ACCEPTED);
  assert.deepEqual(tracker.position('AAPL'), { epoch: 'e1', seq: 11 });
});

test('a seq at or below the position is a duplicate and changes nothing', () => {
  const tracker = new SequenceTracker();
  tracker.reset('AAPL', 'e1', 10);
  assert.equal(tracker.accept('AAPL', 10).verdict, TickVerdict.DUPLICATE);
  assert.equal(tracker.accept('AAPL', 3).verdict, TickVerdict.DUPLICATE);
  assert.deepEqual(tracker.position('AAPL'), { epoch: 'e1', seq: 10 });
});

test('a jump is a gap, and the position stays before it', () => {
  const tracker = new SequenceTracker();
  tracker.reset('AAPL', 'e1', 10);
  assert.deepEqual(tracker.accept('AAPL', 13), { verdict: TickVerdict.GAP, expected: 11, got: 13 });
  assert.deepEqual(tracker.position('AAPL'), { epoch: 'e1', seq: 10 });
});

test('skipped explains a jump of exactly that many', () => {
  const tracker = new SequenceTracker();
  tracker.reset('AAPL', 'e1', 10);
  assert.equal(tracker.accept('AAPL', 14, 3).verdict, TickVerdict.ACCEPTED);
  assert.deepEqual(tracker.accept('AAPL', 20, 2), { verdict: TickVerdict.GAP, expected: 17, got: 20 });
  assert.equal(tracker.position('AAPL').seq, 14);
});

test('a heartbeat ahead of the position means a loss; equal or behind does not', () => {
  const tracker = new SequenceTracker();
  tracker.reset('AAPL', 'e1', 10);
  assert.equal(tracker.isBehind('AAPL', 11), true);
  assert.equal(tracker.isBehind('AAPL', 10), false);
  assert.equal(tracker.isBehind('AAPL', 9), false);
});

test('reset starts a new epoch; forget drops the symbol; positions is a copy', () => {
  const tracker = new SequenceTracker();
  tracker.reset('AAPL', 'e1', 10);
  tracker.reset('AAPL', 'e2', 3);
  assert.equal(tracker.accept('AAPL', 4).verdict, TickVerdict.ACCEPTED);
  const copy = tracker.positions;
  copy.get('AAPL').seq = 999;
  copy.delete('AAPL');
  assert.deepEqual(tracker.position('AAPL'), { epoch: 'e2', seq: 4 });
  tracker.forget('AAPL');
  assert.equal(tracker.position('AAPL'), undefined);
});
