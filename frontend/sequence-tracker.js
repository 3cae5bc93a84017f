// Where the client stands in each symbol's history: the last (epoch, seq) fully processed, and what a new tick
// means relative to it.

/** What {@link SequenceTracker#accept} made of a tick. */
export const TickVerdict = Object.freeze({
  /** The next tick (or the next after ticks the server left out on purpose): it is now the latest. */
  ACCEPTED: 'accepted',
  /** Already seen (seq at or below the position): drop it. */
  DUPLICATE: 'duplicate',
  /** Ticks are missing before it: the position stays where it was. */
  GAP: 'gap',
  /** No position for this symbol: its `subscribed` entry has not been seen. */
  UNTRACKED: 'untracked',
});

/**
 * Per-symbol positions, `{epoch, seq}`. Ticks carry no epoch: a tick belongs to the epoch of its symbol's latest
 * `subscribed` entry, which {@link SequenceTracker#reset} records.
 */
export class SequenceTracker {
  /** @type {Map<string, {epoch: string, seq: number}>} */
  #positions = new Map();

  /** @returns {Map<string, {epoch: string, seq: number}>} a copy: symbol to its last position */
  get positions() {
    const copy = new Map();
    for (const [symbol, { epoch, seq }] of this.#positions) {
      copy.set(symbol, { epoch, seq });
    }
    return copy;
  }

  /**
   * @param {string} symbol
   * @returns {{epoch: string, seq: number} | undefined} a copy of the symbol's position
   */
  position(symbol) {
    const position = this.#positions.get(symbol);
    return position && { epoch: position.epoch, seq: position.seq };
  }

  /** Sets a symbol's position, for example from a `subscribed` entry. */
  reset(symbol, epoch, seq) {
    this.#positions.set(symbol, { epoch, seq });
  }

  /** Forgets a symbol: its next `subscribed` entry starts it afresh. */
  forget(symbol) {
    this.#positions.delete(symbol);
  }

  /**
   * Decides what a tick is and, if it is the next one, moves the position to it. A jump in `seq` is only a gap
   * when `skipped` (ticks the server left out on purpose) does not explain it: `seq > last + 1 + skipped`.
   *
   * @param {string} symbol
   * @param {number} seq the tick's `seq`
   * @param {number} [skipped] the tick's `skipped`, 0 when absent
   * @returns {{verdict: string, expected?: number, got?: number}} `verdict` is one of {@link TickVerdict};
   *   for a gap, `expected` is the highest `seq` the tick could have had and `got` the one it has
   */
  accept(symbol, seq, skipped = 0) {
    const position = this.#positions.get(symbol);
    if (!position) {
      return { verdict: TickVerdict.UNTRACKED };
    }
    if (seq <= position.seq) {
      return { verdict: TickVerdict.DUPLICATE };
    }
    const expected = position.seq + 1 + skipped;
    if (seq > expected) {
      return { verdict: TickVerdict.GAP, expected, got: seq };
    }
    position.seq = seq;
    return { verdict: TickVerdict.ACCEPTED };
  }

  /**
   * Whether the server's latest `seq` of a symbol (from a heartbeat) is ahead of the position, which means ticks
   * were lost: the server counts ticks it left out on purpose in that `seq` too.
   *
   * @param {string} symbol
   * @param {number} latestSeq
   * @returns {boolean} false for a symbol without a position
   */
  isBehind(symbol, latestSeq) {
    const position = this.#positions.get(symbol);
    return position !== undefined && latestSeq > position.seq;
  }
}
