// The messages this client sends (docs/PROTOCOL.md, "Client to server"), built so that the server never has a
// reason to refuse them: integer ids, well-formed symbols and positions, and no frame above `maxMessageBytes`.

/** Symbols the protocol allows. */
export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9._:/-]{0,23}$/;

/** Longest `epoch` the server accepts in a `resume` entry, in characters. */
export const MAX_EPOCH_LENGTH = 64;

/** Smallest `maxBytes` the builders accept: room for one symbol with its `resume` entry, whatever its epoch. */
export const MIN_MESSAGE_BYTES = 1024;

/** @returns {boolean} whether `value` is a symbol the protocol allows */
export function isSymbol(value) {
  return typeof value === 'string' && SYMBOL_PATTERN.test(value);
}

/** @returns {boolean} whether `value` can be sent as a `resume` entry: `{epoch: string, seq: integer >= 0}` */
export function isPosition(value) {
  return value != null
    && typeof value.epoch === 'string' && value.epoch.length <= MAX_EPOCH_LENGTH
    && Number.isSafeInteger(value.seq) && value.seq >= 0;
}

/** @returns {number} the length of `text` in UTF-8, in bytes */
export function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      bytes += 1;
    } else if (unit < 0x800) {
      bytes += 2;
    } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length
        && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      bytes += 4;
      i++;
    } else {
      bytes += 3; // includes a lone surrogate, which JSON.stringify escapes to 6 ASCII bytes anyway
    }
  }
  return bytes;
}

/**
 * `subscribe` messages for `symbols`, as few as fit: each one, JSON-encoded, is at most `maxBytes` long.
 *
 * @param {object} request
 * @param {string[]} request.symbols well-formed symbols (see {@link isSymbol}), no duplicates
 * @param {Map<string, {epoch: string, seq: number}>} [request.resume] positions to resume from; entries that
 *   are not valid positions or not in `symbols` are left out
 * @param {number | null} [request.maxRate] most updates per second per symbol, or null for all
 * @param {number} request.maxBytes the server's `maxMessageBytes`, at least {@link MIN_MESSAGE_BYTES}
 * @param {() => number} request.nextId gives the integer id of each message
 * @returns {object[]} the messages, in order, each with its own id
 */
export function subscribeMessages({ symbols, resume = new Map(), maxRate = null, maxBytes, nextId }) {
  const withRate = maxRate == null ? {} : { maxRate };
  return chunked(symbols, maxBytes, nextId, {
    create: (id) => ({ type: 'subscribe', id, symbols: [], resume: {}, ...withRate }),
    cost: (symbol) => {
      const name = utf8Length(JSON.stringify(symbol)) + 1;
      const position = resume.get(symbol);
      return isPosition(position)
        ? name + name + utf8Length(JSON.stringify({ epoch: position.epoch, seq: position.seq })) + 1
        : name;
    },
    add: (message, symbol) => {
      message.symbols.push(symbol);
      const position = resume.get(symbol);
      if (isPosition(position)) {
        message.resume[symbol] = { epoch: position.epoch, seq: position.seq };
      }
    },
    finish: (message) => {
      if (Object.keys(message.resume).length === 0) {
        delete message.resume;
      }
      return message;
    },
  });
}

/**
 * `unsubscribe` messages for `symbols`, each at most `maxBytes` long when JSON-encoded.
 *
 * @param {object} request
 * @param {string[]} request.symbols well-formed symbols, no duplicates
 * @param {number} request.maxBytes at least {@link MIN_MESSAGE_BYTES}
 * @param {() => number} request.nextId gives the integer id of each message
 * @returns {object[]}
 */
export function unsubscribeMessages({ symbols, maxBytes, nextId }) {
  return chunked(symbols, maxBytes, nextId, {
    create: (id) => ({ type: 'unsubscribe', id, symbols: [] }),
    cost: (symbol) => utf8Length(JSON.stringify(symbol)) + 1,
    add: (message, symbol) => message.symbols.push(symbol),
    finish: (message) => message,
  });
}

/**
 * A `ping`. `ts` must be an integer on the wire, so a fractional clock is truncated.
 *
 * @param {number} id integer
 * @param {number} ts milliseconds
 */
export function pingMessage(id, ts) {
  return { type: 'ping', id, ts: Math.trunc(ts) };
}

function chunked(symbols, maxBytes, nextId, { create, cost, add, finish }) {
  if (!(maxBytes >= MIN_MESSAGE_BYTES)) {
    throw new RangeError(`maxBytes must be at least ${MIN_MESSAGE_BYTES}, got ${maxBytes}`);
  }
  const messages = [];
  let message = null;
  let size = 0;
  for (const symbol of symbols) {
    // each cost counts a separator, one more than the list needs: the estimate errs on the safe side
    const extra = cost(symbol);
    if (message !== null && size + extra > maxBytes) {
      messages.push(finish(message));
      message = null;
    }
    if (message === null) {
      message = create(nextId());
      size = utf8Length(JSON.stringify(message));
    }
    add(message, symbol);
    size += extra;
  }
  if (message !== null) {
    messages.push(finish(message));
  }
  return messages;
}
