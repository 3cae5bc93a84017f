// A hand-written stand-in for the browser's WebSocket: it records what the client sends and lets a test play the
// server (open, deliver messages, close with a code). Every instance is kept in `FakeWebSocket.instances`.

export class FakeWebSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;

  /** @type {FakeWebSocket[]} every socket created since the last reset(), oldest first */
  static instances = [];

  static reset() {
    FakeWebSocket.instances = [];
  }

  /** @returns {FakeWebSocket | undefined} the socket created last */
  static get last() {
    return FakeWebSocket.instances.at(-1);
  }

  /** @returns {FakeWebSocket[]} the sockets that are neither closed nor closing */
  static get active() {
    return FakeWebSocket.instances.filter((socket) => socket.readyState < FakeWebSocket.CLOSING);
  }

  CONNECTING = 0;
  OPEN = 1;
  CLOSING = 2;
  CLOSED = 3;

  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;

  /** @type {string[]} frames the client sent, as sent */
  sent = [];
  /** @type {{code?: number, reason?: string}[]} the client's close() calls */
  closeCalls = [];
  readyState = FakeWebSocket.CONNECTING;
  protocol = '';
  #listeners = new Map();

  constructor(url, protocols) {
    this.url = String(url);
    this.protocols = protocols;
    FakeWebSocket.instances.push(this);
  }

  send(data) {
    if (this.readyState === FakeWebSocket.CONNECTING) {
      throw new Error('InvalidStateError: still in CONNECTING state');
    }
    if (typeof data !== 'string') {
      throw new TypeError('this fake only takes text frames');
    }
    if (this.readyState === FakeWebSocket.OPEN) {
      this.sent.push(data);
    }
    // CLOSING or CLOSED: a browser drops the data silently
  }

  close(code, reason) {
    this.closeCalls.push({ code, reason });
    if (this.readyState === FakeWebSocket.CLOSING || this.readyState === FakeWebSocket.CLOSED) {
      return;
    }
    this.readyState = FakeWebSocket.CLOSING;
  }

  addEventListener(type, listener) {
    if (!this.#listeners.has(type)) {
      this.#listeners.set(type, new Set());
    }
    this.#listeners.get(type).add(listener);
  }

  removeEventListener(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  // --- the server's side ---

  /** Completes the handshake. */
  open(protocol = Array.isArray(this.protocols) ? (this.protocols[0] ?? '') : (this.protocols ?? '')) {
    this.protocol = protocol;
    this.readyState = FakeWebSocket.OPEN;
    this.#dispatch('open', { type: 'open' });
  }

  /** Delivers a text frame: an object is JSON-encoded, a string goes as it is. */
  receive(message) {
    if (this.readyState !== FakeWebSocket.OPEN) {
      throw new Error(`cannot deliver a message in readyState ${this.readyState}`);
    }
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.#dispatch('message', { type: 'message', data });
  }

  /** Delivers a binary frame. */
  receiveBinary(bytes = new ArrayBuffer(4)) {
    this.#dispatch('message', { type: 'message', data: bytes });
  }

  /** The connection ends with `code` (1006: no close frame, as after a failed handshake or a lost network). */
  serverClose(code = 1006, reason = '') {
    if (this.readyState === FakeWebSocket.CLOSED) {
      return;
    }
    if (code === 1006) {
      this.#dispatch('error', { type: 'error' });
    }
    this.readyState = FakeWebSocket.CLOSED;
    this.#dispatch('close', { type: 'close', code, reason, wasClean: code !== 1006 });
  }

  /** Opens and sends `welcome`, as the server does first on every connection. */
  welcome(fields = {}) {
    this.open();
    this.receive({
      type: 'welcome', protocol: 1, session: 's1', node: 'node-a', heartbeatMs: 15000,
      limits: { maxSubscriptions: 200, maxMessageBytes: 16384, maxMessagesPerSecond: 20 },
      ...fields,
    });
  }

  // --- what the client sent ---

  /** @returns {object[]} the sent frames, parsed */
  messages() {
    return this.sent.map((frame) => JSON.parse(frame));
  }

  /** @returns {object[]} the sent frames of one type, parsed */
  messagesOfType(type) {
    return this.messages().filter((message) => message.type === type);
  }

  /** @returns {object | undefined} the last sent frame of one type, parsed */
  lastOfType(type) {
    return this.messagesOfType(type).at(-1);
  }

  #dispatch(type, event) {
    this[`on${type}`]?.(event);
    for (const listener of [...(this.#listeners.get(type) ?? [])]) {
      listener(event);
    }
  }
}
