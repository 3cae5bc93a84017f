// Reconnect delays: exponential steps, capped, with full jitter.

/** Default first step of the backoff, in milliseconds. */
export const DEFAULT_BASE_DELAY_MS = 1000;

/** Default cap of the backoff, in milliseconds. */
export const DEFAULT_MAX_DELAY_MS = 30000;

/**
 * The upper bound of the delay before retry number `attempt`: `min(maxDelayMs, baseDelayMs * 2^(attempt - 1))`.
 *
 * @param {number} attempt 1 for the first retry; anything below 1 counts as 1
 * @param {{baseDelayMs?: number, maxDelayMs?: number}} [options] first step (default 1000 ms) and cap
 *   (default 30000 ms), both in milliseconds
 * @returns {number} milliseconds
 */
export function backoffCeiling(attempt, { baseDelayMs = DEFAULT_BASE_DELAY_MS, maxDelayMs = DEFAULT_MAX_DELAY_MS } = {}) {
  const exponent = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt) - 1) : 0;
  // 2 ** exponent becomes Infinity for very large attempts, and min() turns that into the cap
  return Math.min(maxDelayMs, baseDelayMs * 2 ** exponent);
}

/**
 * How long to wait before retry number `attempt`: a uniformly random whole number of milliseconds in
 * `[0, backoffCeiling(attempt))` ("full jitter"). The first delay is random too, within the first step, so that
 * clients dropped together do not come back together (RFC 6455, section 7.2.3).
 *
 * A pure function: the random source is a parameter.
 *
 * @param {number} attempt 1 for the first retry
 * @param {{baseDelayMs?: number, maxDelayMs?: number}} [options] first step (default 1000 ms) and cap
 *   (default 30000 ms), both in milliseconds
 * @param {() => number} [random] uniform in [0, 1); default `Math.random`
 * @returns {number} whole milliseconds, at least 0 and below the ceiling (0 when the ceiling is 0)
 */
export function backoffDelay(attempt, options = {}, random = Math.random) {
  const ceiling = backoffCeiling(attempt, options);
  let r = Number(random());
  if (!(r >= 0)) {
    r = 0; // NaN or negative from a broken source
  }
  if (r >= 1) {
    r = 1 - Number.EPSILON;
  }
  return Math.floor(r * ceiling);
}
