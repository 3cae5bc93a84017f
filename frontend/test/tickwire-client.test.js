import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { seeded } from './seeded.js';
import { EVENTS, Status, TickwireClient } from '../tickwire-client.js';
import { FakeWebSocket } from './fake-websocket.js';

const START = 1_763_760_000_000;

/** Moves the mocked clock forward in small steps, so that each timer fires at its own time. */
function advance(ms, step = 10) {
  while (ms > 0) {
    const d = Math.min(step, ms);
    mock.timers.tick(d);
    ms -= d;
  }
}

/** Moves the mocked clock forward in one jump: every timer due fires late, at the end (a throttled tab). */
function jump(ms) {
  mock.timers.tick(ms);
}

function recordingLogger() {
  const lines = [];
  const log = (level) => (...args) => lines.push({ level, text: args.map(String).join(' ') });
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A client wired to fakes, with every event it emits recorded. */
function createClient(options = {}) {
  const logger = recordingLogger();
  const client = new TickwireClient('ws://localhost:8080/ws/ticker', {
    WebSocket: FakeWebSocket,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle),
    now: () => Date.now(),
    random: seeded(1234),
    logger,
    ...options,
  });
  const events = Object.fromEntries(EVENTS.map((name) => [name, []]));
  for (const name of EVENTS) {
    client.on(name, (...args) => events[name].push(args.length > 1 ? args : args[0]));
  }
  const ticks = () => events.tick.map(([tick]) => `${tick.symbol}:${tick.seq}`);
  const lastState = () => events.state.at(-1);
  return { client, events, logger, ticks, lastState };
}

function tick(symbol, seq, extra = {}) {
  return { type: 'tick', symbol, seq, price: 100 + seq / 100, ts: START + seq, ...extra };
}

/** Answers a subscribe the way the server does when it holds the history (or has none to hold). */
function answer(socket, request, entries) {
  socket.receive({ type: 'subscribed', id: request.id, subscriptions: entries, rejected: [] });
}

function freshEntry(symbol, epoch, seq) {
  return { symbol, epoch, seq, recovered: false, snapshot: tick(symbol, seq) };
}

/** Starts a client with these symbols, completes the handshake and answers the subscribe with snapshots. */
function liveClient(symbols = ['AAPL', 'MSFT'], options = {}, welcome = {}) {
  const harness = createClient(options);
  harness.client.subscribe(symbols);
  harness.client.start();
  const socket = FakeWebSocket.last;
  socket.welcome(welcome);
  const request = socket.lastOfType('subscribe');
  answer(socket, request, symbols.map((symbol) => freshEntry(symbol, 'e1', 10)));
  return { ...harness, socket };
}

beforeEach(() => {
  FakeWebSocket.reset();
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: START });
});

afterEach(() => {
  mock.timers.reset();
});

describe('connecting', () => {
  test('start opens one socket offering the subprotocol, and is live on welcome, not on open', () => {
    const { client, lastState } = createClient();
    assert.equal(FakeWebSocket.instances.length, 0, 'nothing before start()');
    client.start();
    assert.equal(FakeWebSocket.instances.length, 1);
    const socket = FakeWebSocket.last;
    assert.equal(socket.url, 'ws://localhost:8080/ws/ticker');
    assert.deepEqual(socket.protocols, ['tickwire.v1.json']);
    assert.equal(lastState().status, Status.CONNECTING);
    assert.equal(lastState().attempt, 1);
    socket.open();
    assert.equal(lastState().status, Status.CONNECTING);
    socket.welcome();
    assert.equal(lastState().status, Status.LIVE);
    assert.equal(client.state, lastState());
  });

  test('start() and reconnectNow() never open a second socket while one is connecting or open', () => {
    const { client } = createClient();
    client.start();
    for (let i = 0; i < 5; i++) {
      client.start();
      client.reconnectNow();
    }
    assert.equal(FakeWebSocket.instances.length, 1);
    FakeWebSocket.last.welcome();
    client.start();
    client.reconnectNow();
    client.setVisible(true);
    client.setOnline(true);
    assert.equal(FakeWebSocket.instances.length, 1);
  });

  test('reconnectNow() while waiting for the backoff connects once, at once', () => {
    const { client, lastState } = createClient({ random: () => 0.99 });
    client.start();
    FakeWebSocket.last.serverClose(1006);
    assert.equal(lastState().status, Status.RECONNECTING);
    client.reconnectNow();
    client.reconnectNow();
    assert.equal(FakeWebSocket.instances.length, 2);
    FakeWebSocket.last.welcome();
    advance(20000);
    assert.equal(FakeWebSocket.instances.length, 2, 'the cancelled retry does not fire later');
  });

  test('nothing is sent before welcome, and frames are JSON text', () => {
    const { client } = createClient();
    client.subscribe(['AAPL']);
    client.start();
    const socket = FakeWebSocket.last;
    client.subscribe(['MSFT']); // the fake throws if a send comes while CONNECTING
    socket.open();
    client.unsubscribe(['MSFT']);
    assert.deepEqual(socket.sent, []);
    socket.welcome();
    assert.ok(socket.sent.length > 0);
    for (const frame of socket.sent) {
      assert.equal(typeof frame, 'string');
      assert.equal(typeof JSON.parse(frame).type, 'string');
    }
  });

  test('a WebSocket constructor that throws stops the client with reason error', () => {
    const { client, lastState } = createClient({
      WebSocket: class {
        constructor() {
          throw new SyntaxError('bad url');
        }
      },
    });
    client.start();
    assert.deepEqual([lastState().status, lastState().reason], [Status.STOPPED, 'error']);
  });

  test('invalid options are refused at once', () => {
    assert.throws(() => createClient({ maxAttempts: 0 }), RangeError);
    assert.throws(() => createClient({ hiddenMaxRate: 0 }), RangeError);
    assert.throws(() => createClient({ baseDelayMs: -1 }), RangeError);
  });
});

describe('subscriptions', () => {
  test('intents made while disconnected are applied on welcome, with integer ids', () => {
    const { client } = createClient();
    client.subscribe(['AAPL', 'MSFT']);
    client.subscribe(['TSLA', 'AAPL']);
    client.unsubscribe(['MSFT']);
    assert.deepEqual(client.symbols, ['AAPL', 'TSLA']);
    client.start();
    const socket = FakeWebSocket.last;
    socket.welcome();
    const subscribes = socket.messagesOfType('subscribe');
    assert.equal(subscribes.length, 1);
    assert.deepEqual(subscribes[0].symbols, ['AAPL', 'TSLA']);
    assert.ok(Number.isInteger(subscribes[0].id));
    assert.equal('resume' in subscribes[0], false, 'no position yet');
    assert.equal('maxRate' in subscribes[0], false);
    assert.deepEqual(socket.messagesOfType('unsubscribe'), []);
  });

  test('subscribe and unsubscribe while live are sent at once; repeats cost nothing', () => {
    const { client, socket } = liveClient(['AAPL']);
    client.subscribe(['MSFT']);
    assert.deepEqual(socket.lastOfType('subscribe').symbols, ['MSFT']);
    const before = socket.sent.length;
    client.subscribe(['MSFT', 'AAPL']);
    assert.equal(socket.sent.length, before);
    client.unsubscribe(['AAPL']);
    assert.deepEqual(socket.lastOfType('unsubscribe').symbols, ['AAPL']);
    assert.equal(client.positions.has('AAPL'), false, 'an unsubscribed symbol is forgotten');
    client.unsubscribe(['AAPL']);
    assert.equal(socket.messagesOfType('unsubscribe').length, 1);
  });

  test('every id the client sends is a distinct integer', () => {
    const { client, socket } = liveClient(['AAPL']);
    client.subscribe(['MSFT']);
    client.unsubscribe(['MSFT']);
    advance(20000);
    const ids = socket.messages().map((m) => m.id);
    assert.ok(ids.length >= 5);
    assert.ok(ids.every(Number.isSafeInteger));
    assert.equal(new Set(ids).size, ids.length);
  });

  test('malformed symbols are rejected locally and never sent', () => {
    const { client, events } = createClient();
    client.subscribe(['AAPL', 'aapl', '', 42]);
    assert.deepEqual(client.symbols, ['AAPL']);
    assert.deepEqual(events.rejected[0].map((r) => [r.symbol, r.code]),
      [['aapl', 'UNKNOWN_SYMBOL'], ['', 'UNKNOWN_SYMBOL'], [42, 'UNKNOWN_SYMBOL']]);
    assert.throws(() => client.subscribe('AAPL'), TypeError);
  });

  test('a snapshot becomes the position and is delivered flagged', () => {
    const { client, events, socket } = liveClient(['AAPL'], {}, {});
    assert.deepEqual(client.positions.get('AAPL'), { epoch: 'e1', seq: 10 });
    const [snapshot, info] = events.tick[0];
    assert.equal(snapshot.seq, 10);
    assert.equal(info.snapshot, true);
    socket.receive(tick('AAPL', 11));
    assert.equal(events.tick[1][1].snapshot, false);
    assert.equal(events.subscribed.length, 1);
  });

  test('symbols the server rejects are reported and dropped from the intent', () => {
    const { client, events } = createClient();
    client.subscribe(['AAPL', 'NOPE']);
    client.start();
    const socket = FakeWebSocket.last;
    socket.welcome();
    socket.receive({
      type: 'subscribed', id: socket.lastOfType('subscribe').id,
      subscriptions: [freshEntry('AAPL', 'e1', 1)],
      rejected: [{ symbol: 'NOPE', code: 'UNKNOWN_SYMBOL', message: 'no such symbol' }],
    });
    assert.deepEqual(events.rejected, [[{ symbol: 'NOPE', code: 'UNKNOWN_SYMBOL', message: 'no such symbol' }]]);
    assert.deepEqual(client.symbols, ['AAPL']);
    socket.serverClose(1001);
    client.reconnectNow();
    FakeWebSocket.last.welcome();
    assert.deepEqual(FakeWebSocket.last.lastOfType('subscribe').symbols, ['AAPL']);
  });

  test('no more symbols than maxSubscriptions are asked for; the rest are rejected', () => {
    const { client, events } = createClient();
    client.subscribe(['A', 'B', 'C', 'D', 'E']);
    client.start();
    const socket = FakeWebSocket.last;
    socket.welcome({ limits: { maxSubscriptions: 3, maxMessageBytes: 16384, maxMessagesPerSecond: 20 } });
    assert.deepEqual(socket.lastOfType('subscribe').symbols, ['A', 'B', 'C']);
    assert.deepEqual(events.rejected[0].map((r) => [r.symbol, r.code]),
      [['D', 'TOO_MANY_SUBSCRIPTIONS'], ['E', 'TOO_MANY_SUBSCRIPTIONS']]);
    assert.deepEqual(client.symbols, ['A', 'B', 'C']);
    client.unsubscribe(['A']);
    client.subscribe(['F']);
    assert.deepEqual(socket.lastOfType('unsubscribe').symbols, ['A']);
    assert.deepEqual(socket.lastOfType('subscribe').symbols, ['F']);
  });

  test('a subscribe the server refuses whole drops its new symbols and reports them', () => {
    const { client, events, socket } = liveClient(['AAPL']);
    client.subscribe(['MSFT', 'TSLA']);
    const request = socket.lastOfType('subscribe');
    socket.receive({ type: 'error', id: request.id, code: 'TOO_MANY_SUBSCRIPTIONS', message: 'at most 1' });
    assert.equal(events.serverError.length, 1);
    assert.deepEqual(events.rejected.at(-1).map((r) => r.symbol), ['MSFT', 'TSLA']);
    assert.deepEqual(client.symbols, ['AAPL']);
    const sentBefore = socket.sent.length;
    client.setVisible(true); // any later reconciliation does not ask again
    assert.equal(socket.sent.length, sentBefore);
  });

  test('a big subscribe is split so that no frame exceeds maxMessageBytes', () => {
    const { client } = createClient();
    const symbols = Array.from({ length: 120 }, (_, i) => `SYM${String(i).padStart(3, '0')}${'X'.repeat(18)}`);
    client.subscribe(symbols);
    client.start();
    const socket = FakeWebSocket.last;
    socket.welcome({ limits: { maxSubscriptions: 200, maxMessageBytes: 1024, maxMessagesPerSecond: 20 } });
    const subscribes = socket.messagesOfType('subscribe');
    assert.ok(subscribes.length > 1);
    for (const frame of socket.sent) {
      assert.ok(Buffer.byteLength(frame) <= 1024);
    }
    assert.deepEqual(subscribes.flatMap((m) => m.symbols), symbols);
  });

  test('requests stay within maxMessagesPerSecond; what waits is coalesced and sent later', () => {
    const { client } = createClient({ pingIntervalMs: 0 });
    client.start();
    const socket = FakeWebSocket.last;
    socket.welcome({ limits: { maxSubscriptions: 200, maxMessageBytes: 16384, maxMessagesPerSecond: 5 } });
    const symbols = Array.from({ length: 30 }, (_, i) => `S${i}`);
    for (const symbol of symbols) {
      client.subscribe([symbol]);
    }
    assert.equal(socket.sent.length, 5, 'a burst of at most the rate');
    advance(200);
    assert.equal(socket.sent.length, 6, 'then one more, carrying all that waited');
    assert.deepEqual(socket.messages().flatMap((m) => m.symbols), symbols);
    advance(5000);
    assert.equal(socket.sent.length, 6);
  });

  test('a RATE_LIMITED answer pauses requests and sends the dropped one again', () => {
    const { client, socket } = liveClient(['AAPL'], { pingIntervalMs: 0 });
    client.subscribe(['MSFT']);
    const dropped = socket.lastOfType('subscribe');
    socket.receive({ type: 'error', id: dropped.id, code: 'RATE_LIMITED', message: 'slow down' });
    assert.equal(socket.lastOfType('subscribe').id, dropped.id, 'not at once');
    advance(1000);
    const again = socket.lastOfType('subscribe');
    assert.notEqual(again.id, dropped.id);
    assert.deepEqual(again.symbols, ['MSFT']);
  });

  test('unknown message types, non-JSON and binary frames are ignored', () => {
    const { events, socket, ticks } = liveClient(['AAPL']);
    socket.receive({ type: 'news', text: 'hello' });
    socket.receive('not json');
    socket.receive('[1,2]');
    socket.receive('null');
    socket.receiveBinary();
    socket.receive({ type: 'tick', symbol: 'AAPL', seq: 'eleven' });
    socket.receive(tick('AAPL', 11));
    assert.deepEqual(ticks(), ['AAPL:10', 'AAPL:11']);
    assert.equal(events.serverError.length, 0);
  });

  test('an error message is reported and the connection stays', () => {
    const { events, socket, lastState } = liveClient(['AAPL']);
    const error = { type: 'error', id: 99, code: 'BAD_JSON', message: 'expected a JSON object' };
    socket.receive(error);
    assert.deepEqual(events.serverError, [error]);
    assert.equal(lastState().status, Status.LIVE);
  });
});

describe('ordering, dedupe and gaps', () => {
  test('ticks are delivered in order and duplicates are dropped', () => {
    const { socket, ticks } = liveClient(['AAPL']);
    socket.receive(tick('AAPL', 11));
    socket.receive(tick('AAPL', 11));
    socket.receive(tick('AAPL', 9));
    socket.receive(tick('AAPL', 12));
    assert.deepEqual(ticks(), ['AAPL:10', 'AAPL:11', 'AAPL:12']);
  });

  test('a batch is processed item by item, in order, whatever the types', () => {
    const { client, events, socket, ticks } = liveClient(['AAPL', 'MSFT']);
    socket.receive({
      type: 'batch',
      items: [tick('AAPL', 11), tick('MSFT', 11), { type: 'heartbeat', ts: START, seqs: { AAPL: 11, MSFT: 11 } },
        tick('AAPL', 12), { type: 'whatever' }, tick('AAPL', 12)],
    });
    assert.deepEqual(ticks().slice(2), ['AAPL:11', 'MSFT:11', 'AAPL:12']);
    assert.equal(events.heartbeat.length, 1);
    assert.equal(events.gap.length, 0);
    assert.equal(client.positions.get('AAPL').seq, 12);
  });

  test('a jump explained by skipped is not a gap', () => {
    const { events, socket, ticks } = liveClient(['AAPL']);
    socket.receive(tick('AAPL', 15, { skipped: 4 }));
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 15 } });
    assert.deepEqual(ticks(), ['AAPL:10', 'AAPL:15']);
    assert.equal(events.gap.length, 0);
    assert.equal(socket.messagesOfType('subscribe').length, 1);
  });

  test('a seq jump is a gap: one resubscribe with resume, later ticks held until the replay fills in', () => {
    const { client, events, socket, ticks } = liveClient(['AAPL', 'MSFT']);
    socket.receive(tick('AAPL', 11));
    socket.receive(tick('AAPL', 14, { skipped: 1 })); // 12 explained, 13 lost
    assert.deepEqual(events.gap, [{ symbol: 'AAPL', expected: 13, got: 14, source: 'tick' }]);
    const resubscribe = socket.lastOfType('subscribe');
    assert.deepEqual(resubscribe.symbols, ['AAPL']);
    assert.deepEqual(resubscribe.resume, { AAPL: { epoch: 'e1', seq: 11 } });
    socket.receive(tick('AAPL', 15));
    socket.receive(tick('MSFT', 11));
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 15, MSFT: 11 } });
    assert.equal(socket.messagesOfType('subscribe').length, 2, 'no second resubscribe while one is outstanding');
    assert.equal(events.gap.length, 1);
    assert.equal(client.positions.get('AAPL').seq, 11, 'held at the last position processed');
    answer(socket, resubscribe, [{
      symbol: 'AAPL', epoch: 'e1', seq: 16, recovered: true,
      replay: [tick('AAPL', 12), tick('AAPL', 13), tick('AAPL', 14), tick('AAPL', 15), tick('AAPL', 16)],
    }]);
    socket.receive(tick('AAPL', 17));
    assert.deepEqual(ticks().filter((t) => t.startsWith('AAPL')),
      ['AAPL:10', 'AAPL:11', 'AAPL:12', 'AAPL:13', 'AAPL:14', 'AAPL:15', 'AAPL:16', 'AAPL:17']);
    assert.equal(events.tick.find(([t]) => t.seq === 12)[1].replay, true);
    socket.receive(tick('AAPL', 19));
    assert.equal(events.gap.length, 2, 'a later loss is detected again');
  });

  test('a heartbeat ahead of the last seq seen is a gap, resubscribed once', () => {
    const { events, socket } = liveClient(['AAPL', 'MSFT']);
    socket.receive(tick('AAPL', 11));
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 13, MSFT: 10, IBM: 99 } });
    assert.deepEqual(events.gap, [{ symbol: 'AAPL', expected: 11, got: 13, source: 'heartbeat' }]);
    const resubscribe = socket.lastOfType('subscribe');
    assert.deepEqual(resubscribe.symbols, ['AAPL']);
    assert.deepEqual(resubscribe.resume, { AAPL: { epoch: 'e1', seq: 11 } });
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 13 } });
    assert.equal(socket.messagesOfType('subscribe').length, 2);
    answer(socket, resubscribe, [{
      symbol: 'AAPL', epoch: 'e1', seq: 13, recovered: true, replay: [tick('AAPL', 12), tick('AAPL', 13)],
    }]);
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 13 } });
    assert.equal(events.gap.length, 1);
  });

  test('losses of several symbols in one frame are resubscribed in one message', () => {
    const { events, socket } = liveClient(['AAPL', 'MSFT', 'TSLA']);
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 12, MSFT: 10, TSLA: 15 } });
    assert.equal(events.gap.length, 2);
    assert.equal(socket.messagesOfType('subscribe').length, 2);
    assert.deepEqual(socket.lastOfType('subscribe').symbols, ['AAPL', 'TSLA']);
  });

  test('a resubscribe never answered may be sent again after two heartbeat intervals', () => {
    const { socket } = liveClient(['AAPL']);
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 12 } });
    assert.equal(socket.messagesOfType('subscribe').length, 2);
    advance(15000);
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 12 } });
    assert.equal(socket.messagesOfType('subscribe').length, 2);
    advance(15000);
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 12 } });
    assert.equal(socket.messagesOfType('subscribe').length, 3);
  });

  test('ticks of unsubscribed symbols still in flight are dropped', () => {
    const { client, socket, ticks } = liveClient(['AAPL', 'MSFT']);
    client.unsubscribe(['MSFT']);
    socket.receive(tick('MSFT', 11));
    socket.receive({ type: 'heartbeat', ts: START, seqs: { MSFT: 12 } });
    assert.deepEqual(ticks(), ['AAPL:10', 'MSFT:10']);
  });
});

describe('resume', () => {
  test('a reconnect resubscribes every symbol with its last position', () => {
    const { client, socket } = liveClient(['AAPL', 'MSFT']);
    socket.receive(tick('AAPL', 11));
    socket.receive({ type: 'batch', items: [tick('AAPL', 12), tick('MSFT', 11)] });
    socket.serverClose(1006);
    client.subscribe(['TSLA']);
    client.reconnectNow();
    const next = FakeWebSocket.last;
    assert.notEqual(next, socket);
    next.welcome();
    const request = next.lastOfType('subscribe');
    assert.deepEqual(request.symbols, ['AAPL', 'MSFT', 'TSLA']);
    assert.deepEqual(request.resume, { AAPL: { epoch: 'e1', seq: 12 }, MSFT: { epoch: 'e1', seq: 11 } });
  });

  test('a replay is delivered in order, without the ticks already seen', () => {
    const { client, socket, ticks } = liveClient(['AAPL']);
    socket.receive(tick('AAPL', 11));
    socket.serverClose(1001);
    client.reconnectNow();
    const next = FakeWebSocket.last;
    next.welcome();
    answer(next, next.lastOfType('subscribe'), [{
      symbol: 'AAPL', epoch: 'e1', seq: 14, recovered: true,
      replay: [tick('AAPL', 11), tick('AAPL', 12), tick('AAPL', 13), tick('AAPL', 14)],
    }]);
    next.receive(tick('AAPL', 14));
    next.receive(tick('AAPL', 15));
    assert.deepEqual(ticks(), ['AAPL:10', 'AAPL:11', 'AAPL:12', 'AAPL:13', 'AAPL:14', 'AAPL:15']);
    assert.deepEqual(client.positions.get('AAPL'), { epoch: 'e1', seq: 15 });
  });

  test('recovered:false resets the symbol to the snapshot in the new epoch', () => {
    const { client, events, socket } = liveClient(['AAPL']);
    socket.receive(tick('AAPL', 11));
    socket.serverClose(1012);
    client.reconnectNow();
    const next = FakeWebSocket.last;
    next.welcome();
    answer(next, next.lastOfType('subscribe'), [freshEntry('AAPL', 'e2', 3)]);
    assert.deepEqual(client.positions.get('AAPL'), { epoch: 'e2', seq: 3 });
    assert.deepEqual(events.tick.at(-1).map((x) => x.seq ?? x.snapshot), [3, true]);
    next.receive(tick('AAPL', 4));
    assert.equal(events.tick.at(-1)[0].seq, 4, 'low seqs of the new epoch are not duplicates');
    assert.equal(events.gap.length, 0);
  });

  test('a symbol with no tick yet starts at the entry seq, with no snapshot', () => {
    const { client, events } = createClient();
    client.subscribe(['NEW']);
    client.start();
    const socket = FakeWebSocket.last;
    socket.welcome();
    answer(socket, socket.lastOfType('subscribe'), [{ symbol: 'NEW', epoch: 'e9', seq: 0, recovered: false }]);
    assert.deepEqual(client.positions.get('NEW'), { epoch: 'e9', seq: 0 });
    socket.receive(tick('NEW', 1));
    assert.deepEqual(events.tick.map(([t]) => t.seq), [1]);
  });
});

describe('reconnect policy', () => {
  const finalCodes = [[1000, 'normal'], [1003, 'binary'], [1007, 'invalid-utf8'], [1008, 'signed-out'],
    [1009, 'too-big']];
  for (const [code, reason] of finalCodes) {
    test(`close ${code} stops with reason ${reason}`, () => {
      const { client, socket, lastState } = liveClient(['AAPL']);
      socket.serverClose(code);
      assert.deepEqual({ ...lastState() }, {
        status: Status.STOPPED, attempt: 0, retryInMs: null, retryAt: null, code, reason,
      });
      advance(10 * 60000, 1000);
      assert.equal(FakeWebSocket.instances.length, 1);
      client.reconnectNow();
      assert.equal(FakeWebSocket.instances.length, 2, 'reconnectNow() works from stopped');
      assert.equal(lastState().status, Status.CONNECTING);
    });
  }

  for (const code of [1001, 1006, 1011, 1013, 4009, 1012, 4242]) {
    test(`close ${code} backs off, the first delay within the first step`, () => {
      const { socket, lastState } = liveClient(['AAPL'], { random: () => 0.5 });
      socket.serverClose(code);
      const state = lastState();
      assert.equal(state.status, Status.RECONNECTING);
      assert.equal(state.code, code);
      assert.equal(state.retryInMs, 500);
      assert.equal(state.retryAt, Date.now() + 500);
      advance(490);
      assert.equal(FakeWebSocket.instances.length, 1);
      advance(10);
      assert.equal(FakeWebSocket.instances.length, 2);
    });
  }

  test('close 4008 waits at least rateLimitedDelayMs', () => {
    const { socket, lastState } = liveClient(['AAPL'], { random: () => 0.99, rateLimitedDelayMs: 15000 });
    socket.serverClose(4008);
    assert.equal(lastState().retryInMs, 15000);
    assert.equal(lastState().reason, 'rate-limited');
    advance(14990, 1000);
    assert.equal(FakeWebSocket.instances.length, 1);
    advance(10);
    assert.equal(FakeWebSocket.instances.length, 2);
  });

  test('shutdown then 1012 waits exactly reconnectAfterMs', () => {
    const { socket, events, lastState } = liveClient(['AAPL'], { random: () => 0.99 });
    socket.receive({ type: 'shutdown', reconnectAfterMs: 2300 });
    assert.equal(events.shutdown.length, 1);
    socket.serverClose(1012);
    assert.deepEqual([lastState().retryInMs, lastState().reason], [2300, 'restart']);
    advance(2299, 1);
    assert.equal(FakeWebSocket.instances.length, 1);
    advance(1, 1);
    assert.equal(FakeWebSocket.instances.length, 2);
  });

  test('a shutdown is remembered only for its own connection', () => {
    const { client, socket, lastState } = liveClient(['AAPL'], { random: () => 0.5 });
    socket.receive({ type: 'shutdown', reconnectAfterMs: 9000 });
    socket.serverClose(1006);
    assert.equal(lastState().retryInMs, 500, 'not 1012: the usual backoff');
    client.reconnectNow();
    FakeWebSocket.last.welcome();
    FakeWebSocket.last.serverClose(1012);
    assert.notEqual(lastState().retryInMs, 9000);
  });

  test('consecutive failures widen the backoff up to the cap', () => {
    const { client, lastState } = createClient({ random: () => 0.999 });
    client.start();
    const delays = [];
    for (let i = 0; i < 8; i++) {
      FakeWebSocket.last.serverClose(1006);
      delays.push(lastState().retryInMs);
      assert.equal(lastState().attempt, i + 2);
      advance(lastState().retryInMs + 10, 1000);
    }
    assert.deepEqual(delays, [999, 1998, 3996, 7992, 15984, 29970, 29970, 29970]);
  });

  test('the backoff starts over only after a connection stayed healthy for healthyAfterMs', () => {
    const { client, lastState } = createClient({ random: () => 0.999, healthyAfterMs: 10000 });
    client.start();
    FakeWebSocket.last.serverClose(1006); // failure 1
    advance(lastState().retryInMs);
    FakeWebSocket.last.serverClose(1006); // failure 2
    advance(lastState().retryInMs);
    // open and welcomed, but only for 5 s: still a failure
    FakeWebSocket.last.welcome();
    advance(5000);
    FakeWebSocket.last.serverClose(1011);
    assert.equal(lastState().retryInMs, 3996);
    advance(lastState().retryInMs);
    // healthy for 10 s: the next drop starts from the first step
    FakeWebSocket.last.welcome();
    advance(10000);
    FakeWebSocket.last.serverClose(1011);
    assert.equal(lastState().retryInMs, 999);
    assert.equal(lastState().attempt, 1);
  });

  test('maxAttempts failed attempts in a row stop the client with reason gave-up, until reconnectNow()', () => {
    const { client, lastState } = createClient({ maxAttempts: 3 });
    client.start();
    for (let i = 0; i < 2; i++) {
      FakeWebSocket.last.serverClose(1006);
      assert.equal(lastState().status, Status.RECONNECTING);
      advance(lastState().retryInMs);
    }
    FakeWebSocket.last.serverClose(1006);
    assert.deepEqual([lastState().status, lastState().reason, lastState().attempt], [Status.STOPPED, 'gave-up', 3]);
    advance(10 * 60000, 1000);
    assert.equal(FakeWebSocket.instances.length, 3);
    client.setVisible(true);
    client.setOnline(false);
    client.setOnline(true);
    assert.equal(FakeWebSocket.instances.length, 3, 'only reconnectNow() (or start()) leaves gave-up');
    client.reconnectNow();
    assert.equal(FakeWebSocket.instances.length, 4);
    assert.deepEqual([lastState().status, lastState().attempt], [Status.CONNECTING, 1]);
  });

  test('the drop of a healthy connection is not a failed attempt', () => {
    const { socket, lastState } = liveClient(['AAPL'], { maxAttempts: 1 });
    advance(10000);
    socket.serverClose(1001);
    assert.equal(lastState().status, Status.RECONNECTING);
  });

  test('stop() closes with 1000 and stays stopped; start() connects again', () => {
    const { client, socket, lastState } = liveClient(['AAPL']);
    client.stop();
    assert.deepEqual(socket.closeCalls, [{ code: 1000, reason: 'client stopped' }]);
    assert.deepEqual([lastState().status, lastState().reason], [Status.STOPPED, 'stopped']);
    socket.serverClose(1000);
    advance(60000, 1000);
    assert.equal(FakeWebSocket.instances.length, 1);
    client.start();
    assert.equal(FakeWebSocket.instances.length, 2);
    FakeWebSocket.last.welcome();
    assert.deepEqual(FakeWebSocket.last.lastOfType('subscribe').resume, { AAPL: { epoch: 'e1', seq: 10 } });
  });

  test('stop() while waiting for a retry cancels it', () => {
    const { client, socket } = liveClient(['AAPL']);
    socket.serverClose(1006);
    client.stop();
    advance(60000, 1000);
    assert.equal(FakeWebSocket.instances.length, 1);
  });
});

describe('watchdog', () => {
  test('closes after two heartbeat intervals of silence, not before, and reconnects with backoff', () => {
    const { socket, lastState } = liveClient(['AAPL'], { pingIntervalMs: 0, random: () => 0.5 }, { heartbeatMs: 5000 });
    advance(9990);
    assert.deepEqual(socket.closeCalls, []);
    advance(10);
    assert.equal(socket.closeCalls.length, 1);
    assert.equal(socket.closeCalls[0].code, 4000);
    assert.deepEqual([lastState().status, lastState().reason, lastState().code], [Status.RECONNECTING, 'dead', 4000]);
    assert.equal(lastState().retryInMs, 500);
    advance(500);
    assert.equal(FakeWebSocket.instances.length, 2);
  });

  test('any message keeps the connection alive', () => {
    const { socket, lastState } = liveClient(['AAPL'], { pingIntervalMs: 0 }, { heartbeatMs: 5000 });
    for (let i = 0; i < 12; i++) {
      advance(5000);
      socket.receive({ type: 'heartbeat', ts: Date.now(), seqs: { AAPL: 10 } });
    }
    assert.deepEqual(socket.closeCalls, []);
    assert.equal(lastState().status, Status.LIVE);
  });

  test('before welcome the heartbeat is taken to be 15 s', () => {
    const { client } = createClient();
    client.start();
    const socket = FakeWebSocket.last;
    advance(29990, 100);
    assert.deepEqual(socket.closeCalls, []);
    advance(10);
    assert.equal(socket.closeCalls[0].code, 4000);
  });

  test('works by deadline when its timer fires late', () => {
    const { socket } = liveClient(['AAPL'], { pingIntervalMs: 0 }, { heartbeatMs: 5000 });
    advance(9000);
    socket.receive({ type: 'heartbeat', ts: Date.now(), seqs: {} });
    jump(9000); // the check due at 10 s runs at 18 s: 9 s of silence, alive
    assert.deepEqual(socket.closeCalls, []);
    advance(1000); // 19 s: 10 s of silence
    assert.equal(socket.closeCalls.length, 1);
  });

  test('one long jump (a throttled tab) closes the silent socket exactly once', () => {
    const { socket, lastState } = liveClient(['AAPL'], { pingIntervalMs: 0 }, { heartbeatMs: 5000 });
    jump(10 * 60000);
    assert.equal(socket.closeCalls.length, 1);
    assert.equal(FakeWebSocket.instances.length, 1);
    assert.equal(lastState().status, Status.RECONNECTING);
  });

  test('a connection that went silent right after welcome was never healthy: the backoff keeps growing', () => {
    const { client, lastState } = createClient({ random: () => 0.999, pingIntervalMs: 0, healthyAfterMs: 10000 });
    client.start();
    FakeWebSocket.last.serverClose(1006);
    assert.equal(lastState().retryInMs, 999);
    advance(lastState().retryInMs);
    FakeWebSocket.last.welcome({ heartbeatMs: 15000 });
    advance(30000);
    assert.equal(lastState().reason, 'dead');
    assert.equal(lastState().retryInMs, 1998);
  });

  test('a slow handshake gets the full limit again once the socket opens', () => {
    const { client } = createClient();
    client.start();
    const socket = FakeWebSocket.last;
    advance(25000, 100);
    socket.open();
    advance(29990, 100);
    assert.deepEqual(socket.closeCalls, []);
    advance(10);
    assert.equal(socket.closeCalls.length, 1);
  });

  test('a dead connection that had been healthy starts the backoff over', () => {
    const { lastState } = liveClient(['AAPL'], { pingIntervalMs: 0, random: () => 0.999, healthyAfterMs: 10000 },
      { heartbeatMs: 15000 });
    const socket = FakeWebSocket.last;
    for (let i = 0; i < 4; i++) {
      advance(5000);
      socket.receive({ type: 'heartbeat', ts: Date.now(), seqs: {} });
    }
    advance(30000);
    assert.equal(lastState().reason, 'dead');
    assert.equal(lastState().retryInMs, 999);
  });
});

describe('ping', () => {
  test('pings every pingIntervalMs while live and reports the round trip', () => {
    const { client, events, socket } = liveClient(['AAPL'], { pingIntervalMs: 5000 });
    const first = socket.lastOfType('ping');
    assert.deepEqual(first, { type: 'ping', id: first.id, ts: Date.now() });
    assert.ok(Number.isInteger(first.id));
    advance(40);
    socket.receive({ type: 'pong', id: first.id, ts: first.ts, serverTs: Date.now() });
    assert.deepEqual(events.rtt, [40]);
    advance(4960);
    assert.equal(socket.messagesOfType('ping').length, 2);
    advance(5000);
    assert.equal(socket.messagesOfType('ping').length, 3);
    socket.receive({ type: 'pong', id: 12345, ts: 0 });
    assert.equal(events.rtt.length, 1, 'a pong for no ping of ours is ignored');
    client.stop();
    advance(20000);
    assert.equal(socket.messagesOfType('ping').length, 3);
  });

  test('no pings before welcome', () => {
    const { client } = createClient();
    client.start();
    FakeWebSocket.last.open();
    advance(12000);
    assert.deepEqual(FakeWebSocket.last.sent, []);
  });
});

describe('visibility', () => {
  test('hidden: every symbol is subscribed again with maxRate and resume; visible: again without', () => {
    const { client, socket } = liveClient(['AAPL', 'MSFT'], { hiddenMaxRate: 1 });
    socket.receive(tick('AAPL', 11));
    client.setVisible(false);
    const hidden = socket.lastOfType('subscribe');
    assert.deepEqual(hidden.symbols, ['AAPL', 'MSFT']);
    assert.equal(hidden.maxRate, 1);
    assert.deepEqual(hidden.resume, { AAPL: { epoch: 'e1', seq: 11 }, MSFT: { epoch: 'e1', seq: 10 } });
    client.setVisible(false);
    assert.equal(socket.messagesOfType('subscribe').length, 2, 'no change, no message');
    answer(socket, hidden, [
      { symbol: 'AAPL', epoch: 'e1', seq: 11, recovered: true, replay: [] },
      { symbol: 'MSFT', epoch: 'e1', seq: 10, recovered: true, replay: [] },
    ]);
    client.setVisible(true);
    const visible = socket.lastOfType('subscribe');
    assert.deepEqual(visible.symbols, ['AAPL', 'MSFT']);
    assert.equal('maxRate' in visible, false);
  });

  test('a gap found while hidden is resubscribed with the hidden maxRate', () => {
    const { client, socket } = liveClient(['AAPL'], { hiddenMaxRate: 2 });
    client.setVisible(false);
    socket.receive({ type: 'heartbeat', ts: START, seqs: { AAPL: 20 } });
    assert.equal(socket.lastOfType('subscribe').maxRate, 2);
  });

  test('hidden before welcome: the first subscribe already carries maxRate', () => {
    const { client } = createClient({ visible: false, hiddenMaxRate: 0.5 });
    client.subscribe(['AAPL']);
    client.start();
    FakeWebSocket.last.welcome();
    assert.equal(FakeWebSocket.last.lastOfType('subscribe').maxRate, 0.5);
  });

  test('hiddenMaxRate null: hiding changes nothing', () => {
    const { client, socket } = liveClient(['AAPL'], { hiddenMaxRate: null });
    client.setVisible(false);
    assert.equal(socket.messagesOfType('subscribe').length, 1);
  });

  test('visible while waiting for the backoff: connects at once', () => {
    const { client, socket, lastState } = liveClient(['AAPL'], { random: () => 0.99 });
    client.setVisible(false);
    socket.serverClose(1006);
    assert.equal(lastState().status, Status.RECONNECTING);
    client.setVisible(true);
    assert.equal(FakeWebSocket.instances.length, 2);
    assert.equal(lastState().status, Status.CONNECTING);
  });

  test('visible keeps a wait the server asked for (1012 after shutdown, 4008)', () => {
    const { client, socket } = liveClient(['AAPL']);
    socket.receive({ type: 'shutdown', reconnectAfterMs: 5000 });
    socket.serverClose(1012);
    client.setVisible(false);
    client.setVisible(true);
    assert.equal(FakeWebSocket.instances.length, 1);
    advance(5000);
    assert.equal(FakeWebSocket.instances.length, 2);
    FakeWebSocket.last.welcome();
    FakeWebSocket.last.serverClose(4008);
    client.setVisible(true);
    assert.equal(FakeWebSocket.instances.length, 2);
  });

  test('visible with a socket that died while the tab was throttled: closed, and a new one at once', () => {
    // the clock runs ahead of the timers, as in a hidden tab whose timers were held back
    let skew = 0;
    const { client, socket } = liveClient(['AAPL'], { now: () => Date.now() + skew, pingIntervalMs: 0 },
      { heartbeatMs: 5000 });
    client.setVisible(false);
    skew = 60000;
    client.setVisible(true);
    assert.equal(socket.closeCalls[0]?.code, 4000);
    assert.equal(FakeWebSocket.instances.length, 2, 'no backoff');
    FakeWebSocket.last.welcome();
    assert.deepEqual(FakeWebSocket.last.lastOfType('subscribe').resume, { AAPL: { epoch: 'e1', seq: 10 } });
  });

  test('visible with a healthy socket keeps it', () => {
    const { client, socket } = liveClient(['AAPL']);
    client.setVisible(false);
    client.setVisible(true);
    assert.deepEqual(socket.closeCalls, []);
    assert.equal(FakeWebSocket.instances.length, 1);
  });
});

describe('online and offline', () => {
  test('offline while waiting to reconnect: no attempts; online: one at once', () => {
    const { client, socket, lastState } = liveClient(['AAPL']);
    socket.serverClose(1006);
    client.setOnline(false);
    assert.deepEqual([lastState().status, lastState().reason], [Status.OFFLINE, 'offline']);
    advance(10 * 60000, 1000);
    assert.equal(FakeWebSocket.instances.length, 1);
    client.setOnline(true);
    assert.equal(FakeWebSocket.instances.length, 2);
    assert.equal(lastState().status, Status.CONNECTING);
  });

  test('offline leaves an open socket open; when it closes, the client waits for online', () => {
    const { client, socket, lastState } = liveClient(['AAPL']);
    client.setOnline(false);
    assert.deepEqual(socket.closeCalls, []);
    assert.equal(lastState().status, Status.LIVE);
    socket.serverClose(1006);
    assert.deepEqual([lastState().status, lastState().code], [Status.OFFLINE, 1006]);
    advance(60000, 1000);
    assert.equal(FakeWebSocket.instances.length, 1);
    client.setOnline(true);
    assert.equal(FakeWebSocket.instances.length, 2);
  });

  test('start() while offline waits for online', () => {
    const { client, lastState } = createClient({ online: false });
    client.start();
    assert.equal(lastState().status, Status.OFFLINE);
    assert.equal(FakeWebSocket.instances.length, 0);
    client.setOnline(true);
    assert.equal(FakeWebSocket.instances.length, 1);
  });

  test('online again starts the backoff over', () => {
    const { client, lastState } = createClient({ random: () => 0.999 });
    client.start();
    for (let i = 0; i < 4; i++) {
      FakeWebSocket.last.serverClose(1006);
      advance(lastState().retryInMs);
    }
    client.setOnline(false);
    FakeWebSocket.last.serverClose(1006);
    client.setOnline(true);
    FakeWebSocket.last.serverClose(1006);
    assert.equal(lastState().retryInMs, 999);
  });
});

describe('events', () => {
  test('a listener that throws is logged and does not disturb the client or other listeners', () => {
    const { client, logger, socket, ticks } = liveClient(['AAPL']);
    client.on('tick', () => {
      throw new Error('boom');
    });
    socket.receive(tick('AAPL', 11));
    socket.receive(tick('AAPL', 12));
    assert.deepEqual(ticks(), ['AAPL:10', 'AAPL:11', 'AAPL:12']);
    assert.equal(logger.lines.filter((l) => l.level === 'error').length, 2);
  });

  test('off() and the function on() returns remove a listener; unknown names throw', () => {
    const { client, socket } = liveClient(['AAPL']);
    const seen = [];
    const listener = (t) => seen.push(t.seq);
    const remove = client.on('tick', listener);
    socket.receive(tick('AAPL', 11));
    remove();
    socket.receive(tick('AAPL', 12));
    client.on('tick', listener);
    client.off('tick', listener);
    socket.receive(tick('AAPL', 13));
    assert.deepEqual(seen, [11]);
    assert.throws(() => client.on('ticks', () => {}), TypeError);
  });

  test('a listener may stop the client in the middle of a batch', () => {
    const { client, socket, ticks } = liveClient(['AAPL']);
    client.on('tick', (t) => {
      if (t.seq === 11) {
        client.stop();
      }
    });
    socket.receive({ type: 'batch', items: [tick('AAPL', 11), tick('AAPL', 12)] });
    assert.deepEqual(ticks(), ['AAPL:10', 'AAPL:11']);
  });

  test('positions and symbols are copies', () => {
    const { client } = liveClient(['AAPL']);
    client.positions.get('AAPL').seq = 0;
    client.symbols.push('X');
    assert.equal(client.positions.get('AAPL').seq, 10);
    assert.deepEqual(client.symbols, ['AAPL']);
  });
});
