// WebSocket close codes of the Tickwire protocol (docs/PROTOCOL.md, "Close codes") and what the client does
// after each. The names follow the server's (io.tickwire.protocol.CloseCodes and Spring's CloseStatus).

/** Close codes, by name. */
export const CloseCode = Object.freeze({
  /** 1000: normal close. Final. */
  NORMAL: 1000,
  /** 1001: going away (also: the server got no answer to its pings). */
  GOING_AWAY: 1001,
  /** 1003: the server got a binary frame; this protocol is text. Final. */
  NOT_ACCEPTABLE: 1003,
  /** 1006: no close frame at all (network loss, refused handshake). Never sent, only reported. */
  NO_CLOSE_FRAME: 1006,
  /** 1007: invalid UTF-8. Final. */
  BAD_DATA: 1007,
  /** 1008: policy: credentials expired or revoked. Final until the user signs in again. */
  POLICY_VIOLATION: 1008,
  /** 1009: a message larger than `maxMessageBytes`. Final. */
  TOO_BIG_TO_PROCESS: 1009,
  /** 1011: server error. */
  SERVER_ERROR: 1011,
  /** 1012: planned restart, after a `shutdown` message. */
  SERVICE_RESTARTED: 1012,
  /** 1013: server overloaded. */
  SERVICE_OVERLOAD: 1013,
  /** 4000: sent by this client when it gives up on a connection that went silent. */
  CLIENT_DEAD_CONNECTION: 4000,
  /** 4008: the client kept sending after `RATE_LIMITED`. */
  KEPT_SENDING: 4008,
  /** 4009: slow consumer: the client could not take data for too long. */
  SLOW_CONSUMER: 4009,
});

/** What the client does after a close. */
export const CloseAction = Object.freeze({
  /** Do not reconnect; the state becomes `stopped` with the policy's `reason`. */
  STOP: 'stop',
  /** Reconnect after the usual backoff. */
  BACKOFF: 'backoff',
  /** Reconnect after the backoff, but not sooner than `rateLimitedDelayMs`. */
  RATE_LIMITED: 'rate-limited',
  /** Reconnect exactly after the `reconnectAfterMs` of the preceding `shutdown`, or after the backoff without one. */
  RESTART: 'restart',
});

const FINAL = new Map([
  [CloseCode.NORMAL, 'normal'],
  [CloseCode.NOT_ACCEPTABLE, 'binary'],
  [CloseCode.BAD_DATA, 'invalid-utf8'],
  [CloseCode.POLICY_VIOLATION, 'signed-out'],
  [CloseCode.TOO_BIG_TO_PROCESS, 'too-big'],
]);

/**
 * The client's policy for a close code. Codes not in the protocol's table (1001, 1006, 1011, 1013, 4009, …)
 * back off.
 *
 * @param {number} code the close event's code
 * @returns {{action: string, reason?: string}} `action` is one of {@link CloseAction}; `reason` is set for `stop`
 */
export function closePolicy(code) {
  const reason = FINAL.get(code);
  if (reason) {
    return { action: CloseAction.STOP, reason };
  }
  if (code === CloseCode.KEPT_SENDING) {
    return { action: CloseAction.RATE_LIMITED };
  }
  if (code === CloseCode.SERVICE_RESTARTED) {
    return { action: CloseAction.RESTART };
  }
  return { action: CloseAction.BACKOFF };
}
