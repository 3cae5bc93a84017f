import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloseAction, CloseCode, closePolicy } from '../close-codes.js';

test('every close code of the protocol has its policy', () => {
  const expected = [
    [1000, { action: CloseAction.STOP, reason: 'normal' }],
    [1001, { action: CloseAction.BACKOFF }],
    [1003, { action: CloseAction.STOP, reason: 'binary' }],
    [1006, { action: CloseAction.BACKOFF }],
    [1007, { action: CloseAction.STOP, reason: 'invalid-utf8' }],
    [1008, { action: CloseAction.STOP, reason: 'signed-out' }],
    [1009, { action: CloseAction.STOP, reason: 'too-big' }],
    [1011, { action: CloseAction.BACKOFF }],
    [1012, { action: CloseAction.RESTART }],
    [1013, { action: CloseAction.BACKOFF }],
    [4000, { action: CloseAction.BACKOFF }],
    [4008, { action: CloseAction.RATE_LIMITED }],
    [4009, { action: CloseAction.BACKOFF }],
    [4999, { action: CloseAction.BACKOFF }],
  ];
  for (const [code, policy] of expected) {
    assert.deepEqual(closePolicy(code), policy, `code ${code}`);
  }
});

test('the named constants match the protocol table', () => {
  assert.equal(CloseCode.KEPT_SENDING, 4008);
  assert.equal(CloseCode.SLOW_CONSUMER, 4009);
  assert.equal(CloseCode.SERVICE_RESTARTED, 1012);
  assert.equal(CloseCode.POLICY_VIOLATION, 1008);
  assert.ok(Object.isFrozen(CloseCode));
});
