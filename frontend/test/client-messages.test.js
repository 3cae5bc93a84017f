import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isPosition, isSymbol, pingMessage, subscribeMessages, unsubscribeMessages, utf8Length,
} from '../client-messages.js';

function counter(start = 1) {
  let id = start;
  return () => id++;
}

test('symbols follow the protocol pattern', () => {
  for (const ok of ['AAPL', 'BRK.B', 'EUR/USD', 'ES:CME', 'A', '0', 'X'.repeat(24), 'A-B_C']) {
    assert.ok(isSymbol(ok), ok);
  }
  for (const bad of ['', 'aapl', '.AAPL', 'X'.repeat(25), 'A B', 'ÄPFEL', 7, null, undefined, ['AAPL']]) {
    assert.equal(isSymbol(bad), false, String(bad));
  }
});

test('positions must be {epoch: string of at most 64, seq: integer >= 0}', () => {
  assert.ok(isPosition({ epoch: 'k3f9', seq: 0 }));
  assert.ok(isPosition({ epoch: 'e'.repeat(64), seq: Number.MAX_SAFE_INTEGER }));
  for (const bad of [null, {}, { epoch: 'e', seq: -1 }, { epoch: 'e', seq: 1.5 }, { epoch: 'e', seq: '3' },
    { epoch: 3, seq: 3 }, { epoch: 'e'.repeat(65), seq: 1 }]) {
    assert.equal(isPosition(bad), false, JSON.stringify(bad));
  }
});

test('utf8Length agrees with Buffer.byteLength', () => {
  for (const text of ['', 'abc', 'é', '€', '😀', 'a😀b€é', '\ud800', JSON.stringify('\u0001x')]) {
    assert.equal(utf8Length(text), Buffer.byteLength(text, 'utf8'), JSON.stringify(text));
  }
});

test('a subscribe carries integer ids, the symbols, their valid resume entries and maxRate', () => {
  const resume = new Map([['AAPL', { epoch: 'k3f9', seq: 1041 }], ['MSFT', { epoch: 'x', seq: -1 }],
    ['IBM', { epoch: 'a', seq: 5 }]]);
  const [message, ...rest] = subscribeMessages({
    symbols: ['AAPL', 'MSFT'], resume, maxRate: 1, maxBytes: 16384, nextId: counter(7),
  });
  assert.equal(rest.length, 0);
  assert.deepEqual(message, {
    type: 'subscribe', id: 7, symbols: ['AAPL', 'MSFT'], resume: { AAPL: { epoch: 'k3f9', seq: 1041 } }, maxRate: 1,
  });
  const [plain] = subscribeMessages({ symbols: ['TSLA'], maxBytes: 16384, nextId: counter() });
  assert.deepEqual(plain, { type: 'subscribe', id: 1, symbols: ['TSLA'] }, 'no empty resume, no maxRate');
});

test('large subscribes are split so that no frame exceeds maxBytes, keeping every symbol in order', () => {
  const symbols = Array.from({ length: 200 }, (_, i) => `S${String(i).padStart(3, '0')}${'X'.repeat(20)}`);
  const resume = new Map(symbols.map((s, i) => [s, { epoch: `é${'e'.repeat(60)}`, seq: Number.MAX_SAFE_INTEGER - i }]));
  for (const maxBytes of [1024, 4096, 16384]) {
    const messages = subscribeMessages({ symbols, resume, maxRate: 0.5, maxBytes, nextId: counter() });
    assert.ok(messages.length > 1, `split at ${maxBytes}`);
    for (const message of messages) {
      const bytes = Buffer.byteLength(JSON.stringify(message), 'utf8');
      assert.ok(bytes <= maxBytes, `${bytes} > ${maxBytes}`);
      assert.ok(bytes > maxBytes * 0.8 || message === messages.at(-1), 'chunks are reasonably full');
      assert.ok(Number.isInteger(message.id));
      assert.equal(message.maxRate, 0.5);
      assert.deepEqual(Object.keys(message.resume), message.symbols);
    }
    assert.deepEqual(messages.flatMap((m) => m.symbols), symbols);
    assert.equal(new Set(messages.map((m) => m.id)).size, messages.length);
  }
});

test('unsubscribes are split the same way', () => {
  const symbols = Array.from({ length: 200 }, (_, i) => `U${String(i).padStart(3, '0')}${'Y'.repeat(20)}`);
  const messages = unsubscribeMessages({ symbols, maxBytes: 1024, nextId: counter() });
  assert.ok(messages.length > 1);
  for (const message of messages) {
    assert.ok(Buffer.byteLength(JSON.stringify(message)) <= 1024);
    assert.equal(message.type, 'unsubscribe');
  }
  assert.deepEqual(messages.flatMap((m) => m.symbols), symbols);
});

test('a frame limit too small for one symbol is refused', () => {
  assert.throws(() => subscribeMessages({ symbols: ['A'], maxBytes: 100, nextId: counter() }), RangeError);
});

test('a ping has an integer ts even from a fractional clock', () => {
  assert.deepEqual(pingMessage(3, 1763760000123.75), { type: 'ping', id: 3, ts: 1763760000123 });
});
