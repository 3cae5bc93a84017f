// How many messages the client may still send: a token bucket that stays inside the server's message rate, so
// that the client is never answered RATE_LIMITED, let alone closed with 4008.

/**
 * A token bucket on an injected clock. It starts full.
 */
export class SendBudget {
  #ratePerSecond;
  #capacity;
  #now;
  #tokens;
  #updatedAt;

  /**
   * @param {object} [options]
   * @param {number} [options.ratePerSecond] tokens added per second (default 20, the protocol's
   *   `maxMessagesPerSecond` default)
   * @param {number} [options.capacity] most tokens held, the largest burst (default `ratePerSecond`)
   * @param {() => number} [options.now] clock in milliseconds (default `Date.now`)
   */
  constructor({ ratePerSecond = 20, capacity = ratePerSecond, now = () => Date.now() } = {}) {
    if (!(ratePerSecond > 0) || !(capacity >= 1)) {
      throw new RangeError(`ratePerSecond must be positive and capacity at least 1, got ${ratePerSecond}, ${capacity}`);
    }
    this.#ratePerSecond = ratePerSecond;
    this.#capacity = capacity;
    this.#now = now;
    this.#tokens = capacity;
    this.#updatedAt = now();
  }

  /** @returns {boolean} true and one token less if one was available; false (and nothing taken) otherwise */
  tryTake() {
    this.#refill();
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return true;
    }
    return false;
  }

  /** @returns {number} milliseconds until a token is available; 0 if one is now */
  msUntilAvailable() {
    this.#refill();
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) * 1000) / this.#ratePerSecond);
  }

  /** Empties the bucket, for example after the server said RATE_LIMITED anyway. */
  exhaust() {
    this.#refill();
    this.#tokens = 0;
  }

  #refill() {
    const now = this.#now();
    const elapsed = now - this.#updatedAt;
    this.#updatedAt = now;
    if (elapsed > 0) {
      // a clock that went back adds nothing
      this.#tokens = Math.min(this.#capacity, this.#tokens + (elapsed * this.#ratePerSecond) / 1000);
    }
  }
}
