// The page's connection to the Tickwire server (docs/PROTOCOL.md): one socket at a time, reconnects with
// backoff, resumes every symbol where it left off, and hands out each tick once and in order. It touches neither
// `document` nor `window`: everything from the outside world (socket, timers, clock, randomness, logging,
// visibility, connectivity) comes in through options and methods, so that tests drive it with fakes.
//
// Choices where the protocol leaves room:
// - Subscriptions are sent on `welcome`, not on `open`: `welcome` is the first message of every connection and
//   carries the heartbeat interval and the limits the requests must respect. The state becomes `live` then too.
// - What the page wants (the symbols, visible or not) is kept as intent; the client reconciles the server with it
//   whenever either changes, so calls made while disconnected, or many calls in a row, cost no extra messages.
// - Requests stay within the server's limits: at most `maxMessagesPerSecond` messages a second (a token bucket;
//   the rest wait), no frame above `maxMessageBytes` (large subscribes are split), no more than
//   `maxSubscriptions` symbols (the rest are reported as `rejected` and dropped from the intent).
// - A lost tick (a `seq` jump that `skipped` does not explain, or a heartbeat ahead of the last `seq` seen) holds
//   that symbol at its last position: later ticks are dropped until the answer to one resubscribe with `resume`
//   replays everything after that position, so that ticks are always delivered in order and exactly once.
// - Symbols the server rejects, and symbols unsubscribed, are forgotten (intent and position): subscribing again
//   starts from a snapshot.
// - A drop after a healthy connection does not count as a failed attempt for `maxAttempts`; each connection
//   attempt that ends before it was healthy for `healthyAfterMs` does.

import { backoffDelay, DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS } from './backoff.js';
import { CloseAction, CloseCode, closePolicy } from './close-codes.js';
import {
  isSymbol, MIN_MESSAGE_BYTES, pingMessage, subscribeMessages, unsubscribeMessages,
} from './client-messages.js';
import { Emitter } from './emitter.js';
import { SendBudget } from './send-budget.js';
import { SequenceTracker, TickVerdict } from './sequence-tracker.js';

/** The subprotocol this client speaks. */
export const SUBPROTOCOL = 'tickwire.v1.json';

/** Values of `state.status`. */
export const Status = Object.freeze({
  CONNECTING: 'connecting',
  LIVE: 'live',
  RECONNECTING: 'reconnecting',
  OFFLINE: 'offline',
  STOPPED: 'stopped',
});

/** The events {@link TickwireClient#on} accepts. */
export const EVENTS = Object.freeze([
  'state', 'tick', 'subscribed', 'unsubscribed', 'rejected', 'rtt', 'serverError', 'gap', 'welcome', 'heartbeat',
  'shutdown',
]);

/** Heartbeat interval assumed until `welcome` says otherwise, in milliseconds. */
export const DEFAULT_HEARTBEAT_MS = 15000;

/** Limits assumed when `welcome` does not state them (the protocol's defaults). */
export const DEFAULT_LIMITS = Object.freeze({ maxSubscriptions: 200, maxMessageBytes: 16384, maxMessagesPerSecond: 20 });

const READY_STATE_OPEN = 1;
const MAX_BATCH_DEPTH = 4;
const MAX_PENDING_PINGS = 8;

const LIVE_TICK = Object.freeze({ snapshot: false, replay: false });
const REPLAYED_TICK = Object.freeze({ snapshot: false, replay: true });
const SNAPSHOT_TICK = Object.freeze({ snapshot: true, replay: false });

/**
 * @typedef {object} ClientState
 * @property {string} status one of {@link Status}
 * @property {number} attempt for `stopped`, how many connection attempts failed in a row; otherwise the number
 *   of the attempt under way (`connecting`, `live`) or next (`reconnecting`, `offline`), from 1, counted since
 *   the last healthy connection
 * @property {number | null} retryInMs `reconnecting` only: milliseconds until the next attempt
 * @property {number | null} retryAt `reconnecting` only: when the next attempt starts, on the `now` clock
 * @property {number | null} code the close code that led here, if any (4000 is this client's own watchdog)
 * @property {string | null} reason for `stopped`: 'normal' (1000), 'binary' (1003), 'invalid-utf8' (1007),
 *   'signed-out' (1008), 'too-big' (1009), 'gave-up' (`maxAttempts`), 'stopped' (`stop()`), 'not-started'
 *   (before `start()`), 'error' (the WebSocket constructor threw); for `reconnecting`: 'dead' (watchdog),
 *   'rate-limited' (4008), 'restart' (1012 after `shutdown`) or null; for `offline`: 'offline'
 */

/**
 * @typedef {object} TickwireClientOptions
 * @property {Function} [WebSocket] WebSocket constructor; default `globalThis.WebSocket`
 * @property {(callback: Function, ms: number) => unknown} [setTimeout] default the global one
 * @property {(handle: unknown) => void} [clearTimeout] default the global one
 * @property {() => number} [now] clock in milliseconds; default `Date.now()`
 * @property {() => number} [random] uniform in [0, 1); default `Math.random`
 * @property {{debug?: Function, info?: Function, warn?: Function, error?: Function}} [logger] default `console`
 * @property {string[]} [protocols] subprotocols offered; default `['tickwire.v1.json']`
 * @property {number} [baseDelayMs] first backoff step, ms; default 1000
 * @property {number} [maxDelayMs] backoff cap, ms; default 30000
 * @property {number} [healthyAfterMs] the backoff starts over only after a connection stayed open and healthy
 *   this long, ms; default 10000
 * @property {number} [rateLimitedDelayMs] least delay after close 4008, ms; default 15000
 * @property {number} [maxAttempts] failed attempts in a row after which the client stops with reason
 *   'gave-up' (until `reconnectNow()`); default Infinity
 * @property {number} [pingIntervalMs] application `ping` interval while live, for `rtt`, ms; default 5000;
 *   0 or Infinity sends none
 * @property {number | null} [hiddenMaxRate] `maxRate` (updates per second per symbol) asked for while hidden;
 *   default 1; null asks for all updates while hidden too
 * @property {boolean} [visible] whether the page starts visible; default true
 * @property {boolean} [online] whether the network starts reachable; default true
 */

/**
 * A Tickwire connection that keeps itself alive.
 *
 * Events (`on(name, listener)`):
 * - `state` (ClientState): every change of status
 * - `tick` (tick, {snapshot, replay}): each tick once, in `seq` order per symbol; replayed ticks have
 *   `replay: true`, a snapshot after a lost history has `snapshot: true` (the position starts over there)
 * - `subscribed` (message), `unsubscribed` (message): the server's answers, after the client applied them
 * - `rejected` ([{symbol, code, message}]): symbols the server (or the client, for malformed symbols and
 *   symbols over `maxSubscriptions`) would not subscribe; they are dropped from `symbols`
 * - `rtt` (ms): round trip of an application `ping`
 * - `serverError` (message): an `error` message
 * - `gap` ({symbol, expected, got, source}): ticks were lost; `source` is 'tick' (`expected` is the highest
 *   `seq` the tick could have had), 'heartbeat' (`expected` is the last `seq` seen), or 'replay'/'subscribed'
 *   (the server's answer itself was short; the position moves on)
 * - `welcome` (message), `heartbeat` (message), `shutdown` (message)
 */
export class TickwireClient {
  #url;
  #WebSocket;
  #setTimeout;
  #clearTimeout;
  #now;
  #random;
  #logger;
  #protocols;
  #baseDelayMs;
  #maxDelayMs;
  #healthyAfterMs;
  #rateLimitedDelayMs;
  #maxAttempts;
  #pingIntervalMs;
  #hiddenMaxRate;

  #events;
  /** What the page wants, in the order it asked. */
  #wanted = new Set();
  #tracker = new SequenceTracker();
  #visible;
  #online;
  #nextId = 1;

  /** @type {ClientState} */
  #state = Object.freeze({
    status: Status.STOPPED, attempt: 0, retryInMs: null, retryAt: null, code: null, reason: 'not-started',
  });
  /** Connection attempts that failed in a row. */
  #failures = 0;
  #retryTimer = null;
  #retryAction = null;
  /** The connection in flight or open; null when there is none. Never two. */
  #conn = null;

  /**
   * @param {string | URL} url the endpoint, `ws://…/ws/ticker` or `wss://…`
   * @param {TickwireClientOptions} [options]
   */
  constructor(url, options = {}) {
    this.#url = url;
    this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
    if (typeof this.#WebSocket !== 'function') {
      throw new TypeError('no WebSocket constructor: pass options.WebSocket');
    }
    // called as plain functions: a browser's setTimeout throws when called on another object
    const setTimeoutFn = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
    const clearTimeoutFn = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle));
    const nowFn = options.now ?? (() => Date.now());
    const randomFn = options.random ?? Math.random;
    this.#setTimeout = (callback, ms) => setTimeoutFn(callback, ms);
    this.#clearTimeout = (handle) => clearTimeoutFn(handle);
    this.#now = () => nowFn();
    this.#random = () => randomFn();
    this.#logger = options.logger ?? console;
    this.#protocols = options.protocols ?? [SUBPROTOCOL];
    this.#baseDelayMs = positive(options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS, 'baseDelayMs');
    this.#maxDelayMs = positive(options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS, 'maxDelayMs');
    this.#healthyAfterMs = nonNegative(options.healthyAfterMs ?? 10000, 'healthyAfterMs');
    this.#rateLimitedDelayMs = nonNegative(options.rateLimitedDelayMs ?? 15000, 'rateLimitedDelayMs');
    this.#maxAttempts = options.maxAttempts ?? Infinity;
    if (!(this.#maxAttempts === Infinity || (Number.isSafeInteger(this.#maxAttempts) && this.#maxAttempts >= 1))) {
      throw new RangeError(`maxAttempts must be a whole number of at least 1, or Infinity; got ${options.maxAttempts}`);
    }
    this.#pingIntervalMs = nonNegative(options.pingIntervalMs ?? 5000, 'pingIntervalMs');
    const hiddenMaxRate = options.hiddenMaxRate === undefined ? 1 : options.hiddenMaxRate;
    if (hiddenMaxRate !== null && !(Number.isFinite(hiddenMaxRate) && hiddenMaxRate > 0)) {
      throw new RangeError(`hiddenMaxRate must be a positive number or null; got ${hiddenMaxRate}`);
    }
    this.#hiddenMaxRate = hiddenMaxRate;
    this.#visible = options.visible ?? true;
    this.#online = options.online ?? true;
    this.#events = new Emitter(EVENTS, (name, error) => this.#log('error', `tickwire: a '${name}' listener threw`, error));
  }

  /** @returns {string[]} the symbols the page wants, in the order it asked for them */
  get symbols() {
    return [...this.#wanted];
  }

  /** @returns {Map<string, {epoch: string, seq: number}>} a copy: the last position processed, per symbol */
  get positions() {
    return this.#tracker.positions;
  }

  /** @returns {ClientState} the current state (the last one emitted as `state`) */
  get state() {
    return this.#state;
  }

  /**
   * @param {string} event one of {@link EVENTS}; others throw
   * @param {Function} listener
   * @returns {() => void} removes the listener again
   */
  on(event, listener) {
    return this.#events.on(event, listener);
  }

  /**
   * @param {string} event one of {@link EVENTS}
   * @param {Function} listener
   */
  off(event, listener) {
    this.#events.off(event, listener);
  }

  /** Connects, unless already running. After `stop()` or a final close, starts afresh. */
  start() {
    if (this.#state.status !== Status.STOPPED) {
      return;
    }
    this.#failures = 0;
    if (!this.#online) {
      this.#setState(Status.OFFLINE, { reason: 'offline' });
      return;
    }
    this.#connect();
  }

  /** Closes the connection (1000) and stays stopped, reason 'stopped', until `start()` or `reconnectNow()`. */
  stop() {
    if (this.#state.status === Status.STOPPED) {
      return;
    }
    this.#cancelRetry();
    if (this.#conn) {
      this.#dropConnection(this.#conn, CloseCode.NORMAL, 'client stopped');
    }
    this.#setState(Status.STOPPED, { reason: 'stopped' });
  }

  /**
   * Connects now, skipping any wait, with the backoff starting over; also from `stopped` and `offline`. Does
   * nothing while a socket is connecting or open.
   */
  reconnectNow() {
    if (this.#conn) {
      return;
    }
    this.#cancelRetry();
    this.#failures = 0;
    this.#connect();
  }

  /**
   * Adds symbols to what the page wants; sent at once when live, otherwise on the next connection. Malformed
   * symbols are reported as `rejected` with code UNKNOWN_SYMBOL (as the server would) and not added.
   *
   * @param {string[]} symbols
   */
  subscribe(symbols) {
    const malformed = [];
    for (const symbol of listOf(symbols, 'subscribe')) {
      if (isSymbol(symbol)) {
        this.#wanted.add(symbol);
      } else {
        malformed.push({ symbol, code: 'UNKNOWN_SYMBOL', message: 'not a well-formed symbol' });
      }
    }
    if (malformed.length > 0) {
      this.#events.emit('rejected', malformed);
    }
    this.#syncNow();
  }

  /**
   * Removes symbols from what the page wants, and forgets their positions.
   *
   * @param {string[]} symbols
   */
  unsubscribe(symbols) {
    for (const symbol of listOf(symbols, 'unsubscribe')) {
      this.#forget(symbol);
    }
    this.#syncNow();
  }

  /**
   * Tells the client whether the page is visible. Hidden: every symbol is subscribed again with
   * `maxRate: hiddenMaxRate`. Visible: subscribed again without; and a connection that went silent while the
   * tab's timers were throttled, or a reconnect waiting for its backoff, connects at once (a wait the server
   * asked for, after 1012 or 4008, is kept).
   *
   * @param {boolean} visible
   */
  setVisible(visible) {
    this.#visible = Boolean(visible);
    const conn = this.#conn;
    if (conn) {
      if (this.#visible && this.#isSilent(conn)) {
        this.#declareDead(conn, true);
      } else {
        this.#sync(conn);
      }
    } else if (this.#visible && this.#retryTimer !== null && this.#retryAction === CloseAction.BACKOFF) {
      this.#cancelRetry();
      this.#connect();
    }
  }

  /**
   * Tells the client whether the network is reachable (the browser's `online`/`offline` events). Offline: no
   * more attempts; an open connection is left open, and when it closes the state becomes `offline`. Online
   * again: connects at once, the backoff starting over.
   *
   * @param {boolean} online
   */
  setOnline(online) {
    online = Boolean(online);
    if (online === this.#online) {
      return;
    }
    this.#online = online;
    if (!online) {
      if (this.#retryTimer !== null) {
        this.#cancelRetry();
        this.#setState(Status.OFFLINE, { code: this.#state.code, reason: 'offline' });
      }
    } else if (this.#state.status === Status.OFFLINE && !this.#conn) {
      this.#failures = 0;
      this.#connect();
    }
  }

  // --- connection lifecycle ---

  #connect() {
    if (this.#conn) {
      return;
    }
    this.#cancelRetry();
    let socket;
    try {
      socket = new this.#WebSocket(this.#url, this.#protocols);
    } catch (error) {
      this.#log('error', 'tickwire: cannot create a WebSocket', error);
      this.#setState(Status.STOPPED, { reason: 'error' });
      return;
    }
    const conn = newConnection(socket, this.#now());
    this.#conn = conn;
    socket.onopen = () => this.#onOpen(conn);
    socket.onmessage = (event) => this.#onMessage(conn, event);
    socket.onclose = (event) => this.#onClose(conn, event);
    socket.onerror = () => {}; // a close event always follows, and decides
    this.#armWatchdog(conn);
    this.#setState(Status.CONNECTING);
  }

  #onOpen(conn) {
    if (conn === this.#conn) {
      conn.lastMessageAt = this.#now();
    }
  }

  #onClose(conn, event) {
    if (conn !== this.#conn) {
      return;
    }
    this.#dropConnection(conn);
    this.#afterClose(conn, event?.code ?? CloseCode.NO_CLOSE_FRAME, { dead: false, immediate: false });
  }

  /** The connection went silent for two heartbeat intervals: it is dead, whatever the socket says. */
  #declareDead(conn, immediate) {
    this.#log('warn', `tickwire: no message for ${this.#silenceLimit(conn)} ms; closing the connection`);
    this.#dropConnection(conn, CloseCode.CLIENT_DEAD_CONNECTION, 'no message for two heartbeat intervals');
    this.#afterClose(conn, CloseCode.CLIENT_DEAD_CONNECTION, { dead: true, immediate });
  }

  /** Forgets a connection: timers stopped, listeners detached, and the socket closed if `closeCode` is given. */
  #dropConnection(conn, closeCode, closeReason) {
    for (const timer of [conn.watchdogTimer, conn.pingTimer, conn.syncTimer]) {
      if (timer !== null) {
        this.#clearTimeout(timer);
      }
    }
    conn.watchdogTimer = conn.pingTimer = conn.syncTimer = null;
    const { socket } = conn;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    if (closeCode !== undefined) {
      try {
        socket.close(closeCode, closeReason);
      } catch (error) {
        this.#log('debug', 'tickwire: closing the socket failed', error);
      }
    }
    if (this.#conn === conn) {
      this.#conn = null;
    }
  }

  #afterClose(conn, code, { dead, immediate }) {
    // a silent connection was healthy only until its last message
    const healthyUntil = dead ? conn.lastMessageAt : this.#now();
    const healthy = conn.welcomeAt !== null && healthyUntil - conn.welcomeAt >= this.#healthyAfterMs;
    if (healthy) {
      this.#failures = 0;
    }
    const policy = closePolicy(code);
    if (policy.action === CloseAction.STOP) {
      this.#setState(Status.STOPPED, { code, reason: policy.reason });
      return;
    }
    if (!this.#online) {
      this.#setState(Status.OFFLINE, { code, reason: 'offline' });
      return;
    }
    if (policy.action === CloseAction.RESTART && conn.shutdownDelayMs !== null) {
      // a planned restart is no failure; the server spread the delays, so keep them exact
      this.#scheduleRetry(conn.shutdownDelayMs, CloseAction.RESTART, code, 'restart');
      return;
    }
    if (!healthy) {
      this.#failures += 1;
      if (this.#failures >= this.#maxAttempts) {
        this.#setState(Status.STOPPED, { code, reason: 'gave-up' });
        return;
      }
    }
    if (immediate) {
      this.#connect();
      return;
    }
    const delay = backoffDelay(Math.max(1, this.#failures),
      { baseDelayMs: this.#baseDelayMs, maxDelayMs: this.#maxDelayMs }, this.#random);
    if (policy.action === CloseAction.RATE_LIMITED) {
      this.#scheduleRetry(Math.max(delay, this.#rateLimitedDelayMs), CloseAction.RATE_LIMITED, code, 'rate-limited');
    } else {
      this.#scheduleRetry(delay, CloseAction.BACKOFF, code, dead ? 'dead' : null);
    }
  }

  #scheduleRetry(delay, action, code, reason) {
    this.#retryAction = action;
    this.#retryTimer = this.#setTimeout(() => {
      this.#retryTimer = null;
      this.#retryAction = null;
      this.#connect();
    }, delay);
    this.#setState(Status.RECONNECTING, { code, reason, retryInMs: delay, retryAt: this.#now() + delay });
  }

  #cancelRetry() {
    if (this.#retryTimer !== null) {
      this.#clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#retryAction = null;
    }
  }

  #setState(status, { code = null, reason = null, retryInMs = null, retryAt = null } = {}) {
    const attempt = status === Status.STOPPED ? this.#failures : this.#failures + 1;
    this.#state = Object.freeze({ status, attempt, retryInMs, retryAt, code, reason });
    this.#events.emit('state', this.#state);
  }

  // --- watchdog and ping ---

  #silenceLimit(conn) {
    return 2 * conn.heartbeatMs;
  }

  #isSilent(conn) {
    return this.#now() - conn.lastMessageAt >= this.#silenceLimit(conn);
  }

  /**
   * Checks at the deadline, against the clock: a timer that fires late (a hidden tab throttles them) still
   * compares the real silence with the limit, and one that fires early only sets itself again.
   */
  #armWatchdog(conn) {
    if (conn.watchdogTimer !== null) {
      this.#clearTimeout(conn.watchdogTimer);
    }
    const remaining = conn.lastMessageAt + this.#silenceLimit(conn) - this.#now();
    conn.watchdogTimer = this.#setTimeout(() => {
      conn.watchdogTimer = null;
      if (conn !== this.#conn) {
        return;
      }
      if (this.#isSilent(conn)) {
        this.#declareDead(conn, false);
      } else {
        this.#armWatchdog(conn);
      }
    }, Math.max(0, remaining));
  }

  #ping(conn) {
    conn.pingTimer = null;
    if (conn !== this.#conn || conn.welcomeAt === null) {
      return;
    }
    if (conn.budget.tryTake()) {
      const id = this.#takeId();
      const sentAt = this.#now();
      if (this.#send(conn, pingMessage(id, sentAt))) {
        conn.pings.set(id, sentAt);
        if (conn.pings.size > MAX_PENDING_PINGS) {
          conn.pings.delete(conn.pings.keys().next().value);
        }
      }
    }
    conn.pingTimer = this.#setTimeout(() => this.#ping(conn), this.#pingIntervalMs);
  }

  #pingsEnabled() {
    return Number.isFinite(this.#pingIntervalMs) && this.#pingIntervalMs > 0;
  }

  // --- incoming ---

  #onMessage(conn, event) {
    if (conn !== this.#conn) {
      return;
    }
    conn.lastMessageAt = this.#now();
    if (typeof event?.data !== 'string') {
      this.#log('warn', 'tickwire: ignoring a frame that is not text');
      return;
    }
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      this.#log('warn', 'tickwire: ignoring a frame that is not JSON');
      return;
    }
    this.#handle(conn, message, 0);
    if (conn === this.#conn && conn.dirty) {
      this.#sync(conn);
    }
  }

  #handle(conn, message, depth) {
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      return;
    }
    switch (message.type) {
      case 'welcome':
        this.#onWelcome(conn, message);
        break;
      case 'subscribed':
        this.#onSubscribed(conn, message);
        break;
      case 'unsubscribed':
        conn.pending.delete(message.id);
        this.#events.emit('unsubscribed', message);
        break;
      case 'tick':
        this.#onTick(conn, message, LIVE_TICK);
        break;
      case 'batch':
        if (Array.isArray(message.items) && depth < MAX_BATCH_DEPTH) {
          for (const item of message.items) {
            if (conn !== this.#conn) {
              return;
            }
            this.#handle(conn, item, depth + 1);
          }
        }
        break;
      case 'heartbeat':
        this.#onHeartbeat(conn, message);
        break;
      case 'pong':
        this.#onPong(conn, message);
        break;
      case 'error':
        this.#onServerError(conn, message);
        break;
      case 'shutdown':
        conn.shutdownDelayMs = Number.isFinite(message.reconnectAfterMs) && message.reconnectAfterMs >= 0
          ? message.reconnectAfterMs : null;
        this.#events.emit('shutdown', message);
        break;
      default:
        break; // unknown types are how the protocol grows
    }
  }

  #onWelcome(conn, message) {
    if (conn.welcomeAt !== null) {
      this.#log('warn', 'tickwire: ignoring a second welcome');
      return;
    }
    conn.welcomeAt = this.#now();
    conn.heartbeatMs = Number.isFinite(message.heartbeatMs) && message.heartbeatMs > 0
      ? message.heartbeatMs : DEFAULT_HEARTBEAT_MS;
    conn.limits = limitsOf(message.limits);
    conn.budget = new SendBudget({ ratePerSecond: conn.limits.maxMessagesPerSecond, now: this.#now });
    this.#armWatchdog(conn);
    this.#events.emit('welcome', message);
    if (conn !== this.#conn) {
      return;
    }
    this.#setState(Status.LIVE);
    if (conn !== this.#conn) {
      return;
    }
    this.#sync(conn);
    if (this.#pingsEnabled()) {
      this.#ping(conn); // the first at once, so that the page shows a round trip early
    }
  }

  #onSubscribed(conn, message) {
    conn.pending.delete(message.id);
    for (const entry of Array.isArray(message.subscriptions) ? message.subscriptions : []) {
      if (conn !== this.#conn) {
        return;
      }
      if (isEntry(entry)) {
        this.#applyEntry(conn, entry);
      } else {
        this.#log('warn', 'tickwire: ignoring a malformed subscribed entry', entry);
      }
    }
    const rejected = (Array.isArray(message.rejected) ? message.rejected : [])
      .filter((item) => item !== null && typeof item === 'object' && typeof item.symbol === 'string')
      .map(({ symbol, code, message: text }) => ({ symbol, code, message: text }));
    for (const { symbol } of rejected) {
      this.#forget(symbol);
      conn.requested.delete(symbol);
    }
    if (rejected.length > 0) {
      this.#events.emit('rejected', rejected);
    }
    if (conn === this.#conn) {
      this.#events.emit('subscribed', message);
    }
  }

  /**
   * Brings a symbol to the position of its `subscribed` entry. The entry follows every tick sent before it, and
   * its replay starts at the `resume` the request carried, which is never ahead of the position now; so it also
   * answers any loss noticed after that request was sent.
   */
  #applyEntry(conn, { symbol, epoch, seq, recovered, replay, snapshot }) {
    conn.recovering.delete(symbol);
    if (!this.#wanted.has(symbol)) {
      return; // unsubscribed since
    }
    conn.resumeNeeded.delete(symbol);
    if (recovered === true) {
      const items = Array.isArray(replay) ? replay : [];
      const position = this.#tracker.position(symbol);
      if (!position || position.epoch !== epoch) {
        const first = items.find(isTick);
        this.#tracker.reset(symbol, epoch, first ? first.seq - 1 : seq);
      }
      for (const item of items) {
        if (conn !== this.#conn || !this.#wanted.has(symbol)) {
          return;
        }
        if (isTick(item) && item.symbol === symbol) {
          this.#onTick(conn, item, REPLAYED_TICK, epoch);
        }
      }
      const after = this.#tracker.position(symbol);
      if (after && after.seq < seq) {
        this.#tracker.reset(symbol, epoch, seq);
        this.#events.emit('gap', { symbol, expected: after.seq, got: seq, source: 'subscribed' });
      }
    } else {
      // the history is gone (or never was): start over from the server's latest
      this.#tracker.reset(symbol, epoch, seq);
      if (isTick(snapshot) && snapshot.symbol === symbol) {
        this.#events.emit('tick', snapshot, SNAPSHOT_TICK);
      }
    }
  }

  #onTick(conn, tick, kind, epoch) {
    if (!isTick(tick)) {
      this.#log('warn', 'tickwire: ignoring a malformed tick', tick);
      return;
    }
    const { symbol, seq } = tick;
    if (!this.#wanted.has(symbol)) {
      return; // unsubscribed, still in flight
    }
    const skipped = Number.isSafeInteger(tick.skipped) && tick.skipped > 0 ? tick.skipped : 0;
    const result = this.#tracker.accept(symbol, seq, skipped);
    if (result.verdict === TickVerdict.ACCEPTED) {
      this.#events.emit('tick', tick, kind);
    } else if (result.verdict === TickVerdict.GAP) {
      if (kind === REPLAYED_TICK) {
        // the server says its replay is complete: take it as it is
        this.#tracker.reset(symbol, epoch, seq);
        this.#events.emit('gap', { symbol, expected: result.expected, got: seq, source: 'replay' });
        this.#events.emit('tick', tick, kind);
      } else {
        this.#lost(conn, { symbol, expected: result.expected, got: seq, source: 'tick' });
      }
    }
    // DUPLICATE: seen already. UNTRACKED: its subscribed entry has not come yet (it will carry this tick).
  }

  #onHeartbeat(conn, message) {
    const { seqs } = message;
    if (seqs !== null && typeof seqs === 'object') {
      const now = this.#now();
      for (const [symbol, latest] of Object.entries(seqs)) {
        if (!this.#wanted.has(symbol) || !Number.isSafeInteger(latest)) {
          continue;
        }
        const askedAt = conn.recovering.get(symbol);
        if (askedAt !== undefined) {
          if (now - askedAt < this.#silenceLimit(conn)) {
            continue; // a resubscribe is outstanding
          }
          conn.recovering.delete(symbol); // never answered: may ask again
        }
        if (this.#tracker.isBehind(symbol, latest)) {
          this.#lost(conn, { symbol, expected: this.#tracker.position(symbol).seq, got: latest, source: 'heartbeat' });
        }
      }
    }
    this.#events.emit('heartbeat', message);
  }

  /** Ticks of a symbol were lost: resubscribe it with `resume`, once until answered. */
  #lost(conn, gap) {
    if (conn.resumeNeeded.has(gap.symbol) || conn.recovering.has(gap.symbol)) {
      return;
    }
    conn.resumeNeeded.add(gap.symbol);
    conn.dirty = true;
    this.#events.emit('gap', gap);
  }

  #onPong(conn, message) {
    const sentAt = conn.pings.get(message.id);
    if (sentAt === undefined) {
      return;
    }
    conn.pings.delete(message.id);
    this.#events.emit('rtt', this.#now() - sentAt);
  }

  #onServerError(conn, message) {
    const request = message.id == null ? undefined : conn.pending.get(message.id);
    conn.pings.delete(message.id);
    if (message.code === 'RATE_LIMITED') {
      this.#log('warn', 'tickwire: the server rate-limited this client; pausing requests');
      conn.budget?.exhaust();
    }
    let refused = [];
    if (request) {
      conn.pending.delete(message.id);
      if (message.code === 'RATE_LIMITED') {
        this.#revert(conn, message.id, request); // the server dropped it: send it again later
      } else if (request.kind === 'subscribe') {
        refused = this.#refuse(conn, message, request);
      }
    }
    this.#events.emit('serverError', message);
    if (refused.length > 0 && conn === this.#conn) {
      this.#events.emit('rejected', refused);
    }
  }

  #revert(conn, id, request) {
    for (const symbol of request.symbols) {
      const previous = request.previous.get(symbol);
      if (request.kind === 'subscribe') {
        restoreRequested(conn, symbol, id, previous);
        if (request.recovering.has(symbol) && conn.recovering.delete(symbol)) {
          conn.resumeNeeded.add(symbol);
        }
      } else if (previous && !conn.requested.has(symbol)) {
        conn.requested.set(symbol, previous);
      }
    }
    conn.dirty = true;
  }

  /** A subscribe failed for good (TOO_MANY_SUBSCRIPTIONS, …): its new symbols leave the intent. */
  #refuse(conn, error, request) {
    const refused = [];
    for (const symbol of request.symbols) {
      const previous = request.previous.get(symbol);
      restoreRequested(conn, symbol, error.id, previous);
      conn.recovering.delete(symbol);
      if (!previous && this.#wanted.has(symbol)) {
        this.#forget(symbol);
        refused.push({ symbol, code: error.code, message: error.message });
      }
    }
    return refused;
  }

  // --- outgoing ---

  #syncNow() {
    if (this.#conn) {
      this.#sync(this.#conn);
    }
  }

  /**
   * Brings the server in line with the intent: unsubscribes what is no longer wanted, subscribes what is new,
   * what needs another `maxRate`, and what lost ticks (each with its `resume`). Within the message budget; what
   * does not fit now is sent when it does.
   */
  #sync(conn) {
    if (conn !== this.#conn || conn.welcomeAt === null) {
      return;
    }
    if (conn.syncTimer !== null) {
      this.#clearTimeout(conn.syncTimer);
      conn.syncTimer = null;
    }
    conn.dirty = false;
    const rate = this.#visible ? null : this.#hiddenMaxRate;
    const stale = [...conn.requested.keys()].filter((symbol) => !this.#wanted.has(symbol));
    let room = conn.limits.maxSubscriptions - (conn.requested.size - stale.length);
    const subscribe = [];
    const overLimit = [];
    for (const symbol of this.#wanted) {
      const requested = conn.requested.get(symbol);
      if (requested === undefined) {
        if (room > 0) {
          room--;
          subscribe.push(symbol);
        } else {
          overLimit.push(symbol);
        }
      } else if (requested.rate !== rate || conn.resumeNeeded.has(symbol)) {
        subscribe.push(symbol);
      }
    }
    for (const symbol of overLimit) {
      this.#forget(symbol);
    }
    const nextId = () => this.#takeId();
    const maxBytes = conn.limits.maxMessageBytes;
    const messages = [
      ...(stale.length > 0 ? unsubscribeMessages({ symbols: stale, maxBytes, nextId }) : []),
      ...(subscribe.length > 0
        ? subscribeMessages({ symbols: subscribe, resume: this.#tracker.positions, maxRate: rate, maxBytes, nextId })
        : []),
    ];
    for (const message of messages) {
      if (!conn.budget.tryTake()) {
        conn.syncTimer = this.#setTimeout(() => {
          conn.syncTimer = null;
          this.#sync(conn);
        }, conn.budget.msUntilAvailable());
        break;
      }
      if (!this.#send(conn, message)) {
        break;
      }
      this.#recordRequest(conn, message, rate);
    }
    if (overLimit.length > 0) {
      const text = `at most ${conn.limits.maxSubscriptions} subscriptions per connection`;
      this.#events.emit('rejected', overLimit.map((symbol) => ({ symbol, code: 'TOO_MANY_SUBSCRIPTIONS', message: text })));
    }
  }

  #recordRequest(conn, message, rate) {
    const previous = new Map();
    const recovering = new Set();
    for (const symbol of message.symbols) {
      const requested = conn.requested.get(symbol);
      if (requested) {
        previous.set(symbol, requested);
      }
      if (message.type === 'unsubscribe') {
        conn.requested.delete(symbol);
      } else {
        conn.requested.set(symbol, { rate, id: message.id });
        if (conn.resumeNeeded.delete(symbol)) {
          conn.recovering.set(symbol, this.#now());
          recovering.add(symbol);
        }
      }
    }
    conn.pending.set(message.id, { kind: message.type, symbols: message.symbols, previous, recovering });
  }

  #send(conn, message) {
    const { socket } = conn;
    if (socket.readyState !== READY_STATE_OPEN) {
      return false;
    }
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch (error) {
      this.#log('warn', 'tickwire: send failed', error);
      return false;
    }
  }

  // --- helpers ---

  #forget(symbol) {
    this.#wanted.delete(symbol);
    this.#tracker.forget(symbol);
    if (this.#conn) {
      this.#conn.resumeNeeded.delete(symbol);
      this.#conn.recovering.delete(symbol);
    }
  }

  #takeId() {
    const id = this.#nextId;
    this.#nextId = id >= Number.MAX_SAFE_INTEGER ? 1 : id + 1;
    return id;
  }

  #log(level, ...args) {
    const logger = this.#logger;
    if (logger && typeof logger[level] === 'function') {
      logger[level](...args);
    }
  }
}

function newConnection(socket, now) {
  return {
    socket,
    lastMessageAt: now,
    welcomeAt: null,
    heartbeatMs: DEFAULT_HEARTBEAT_MS,
    limits: DEFAULT_LIMITS,
    /** @type {SendBudget | null} from `welcome` on */
    budget: null,
    /** symbol -> {rate, id}: what this connection asked the server for, answered or not */
    requested: new Map(),
    /** id -> {kind, symbols, previous, recovering}: requests not answered yet */
    pending: new Map(),
    /** symbols that lost ticks and wait for their resubscribe to be sent */
    resumeNeeded: new Set(),
    /** symbol -> when its resubscribe was sent, until answered */
    recovering: new Map(),
    /** ping id -> when it was sent */
    pings: new Map(),
    /** from `shutdown`: how long to wait after the 1012 that follows */
    shutdownDelayMs: null,
    /** something arrived that needs requests: sync after the frame */
    dirty: false,
    watchdogTimer: null,
    pingTimer: null,
    syncTimer: null,
  };
}

/** Undoes what request `id` recorded for `symbol`, unless a later request has replaced it since. */
function restoreRequested(conn, symbol, id, previous) {
  if (conn.requested.get(symbol)?.id === id) {
    if (previous) {
      conn.requested.set(symbol, previous);
    } else {
      conn.requested.delete(symbol);
    }
  }
}

function limitsOf(limits) {
  const of = (name) => {
    const value = limits?.[name];
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_LIMITS[name];
  };
  return {
    maxSubscriptions: Math.floor(of('maxSubscriptions')),
    // below the smallest frame a subscribe needs, the server's limit cannot be kept anyway: come as close as possible
    maxMessageBytes: Math.max(MIN_MESSAGE_BYTES, Math.floor(of('maxMessageBytes'))),
    maxMessagesPerSecond: of('maxMessagesPerSecond'),
  };
}

function isTick(value) {
  return value !== null && typeof value === 'object'
    && typeof value.symbol === 'string' && Number.isSafeInteger(value.seq) && value.seq >= 0;
}

function isEntry(value) {
  return value !== null && typeof value === 'object' && typeof value.symbol === 'string'
    && typeof value.epoch === 'string' && Number.isSafeInteger(value.seq) && value.seq >= 0;
}

function listOf(symbols, method) {
  if (!Array.isArray(symbols)) {
    throw new TypeError(`${method}(symbols): symbols must be an array`);
  }
  return symbols;
}

function positive(value, name) {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${name} must be a positive number of milliseconds; got ${value}`);
  }
  return value;
}

function nonNegative(value, name) {
  if (!(value >= 0)) {
    throw new RangeError(`${name} must be a number of milliseconds, at least 0; got ${value}`);
  }
  return value;
}
