// The recent prices of one symbol: a bounded ring that the sparkline and the chart both draw from.

/** Points kept per symbol by default: five minutes at two ticks a second. */
export const DEFAULT_CAPACITY = 600;

/**
 * A ring of the newest `capacity` points of one symbol, in seq order. Pushing is O(1) and allocates nothing,
 * so a symbol ticking twenty times a second costs no garbage.
 */
export class Series {
  /** @param {number} [capacity] most points kept; the oldest fall out first */
  constructor(capacity = DEFAULT_CAPACITY) {
    this.capacity = capacity;
    /** Publish time of each point, epoch milliseconds. */
    this.times = new Float64Array(capacity);
    /** Price of each point, in the symbol's currency. */
    this.prices = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    /** 1 where a point does not continue the one before it (a snapshot after lost ticks): lines break there. */
    this.breaks = new Uint8Array(capacity);
    this.start = 0;
    /** Number of points held, at most `capacity`. */
    this.length = 0;
  }

  /** @param {number} i 0 is the oldest point held */
  index(i) {
    return (this.start + i) % this.capacity;
  }

  /** @param {number} i 0 is the oldest point held @returns {number} epoch milliseconds */
  timeAt(i) {
    return this.times[this.index(i)];
  }

  /** @param {number} i 0 is the oldest point held */
  priceAt(i) {
    return this.prices[this.index(i)];
  }

  /** @param {number} i 0 is the oldest point held @returns {boolean} whether a line should not join it to the point before */
  breakAt(i) {
    return i > 0 && this.breaks[this.index(i)] === 1;
  }

  /** @returns {number | undefined} the newest point's seq */
  get lastSeq() {
    return this.length ? this.seqs[this.index(this.length - 1)] : undefined;
  }

  clear() {
    this.start = 0;
    this.length = 0;
  }

  /**
   * Appends a tick. A tick at or before the newest seq is a duplicate and ignored, unless it is a snapshot:
   * a snapshot behind the newest point means the server's history started again (a new epoch), so the old
   * points no longer belong to the same stream and are dropped. A snapshot further ahead starts a new stretch
   * of the line after the ticks that were lost (see {@link Series#breakAt}).
   *
   * @param {{seq: number, price: number, ts: number}} tick
   * @param {boolean} [snapshot] whether the client delivered it as a snapshot
   * @returns {boolean} whether the point was added
   */
  push(tick, snapshot = false) {
    const last = this.lastSeq;
    if (last !== undefined && tick.seq <= last) {
      if (!snapshot || tick.seq === last) return false;
      this.clear();
    }
    this.append(tick, snapshot && this.length > 0 && tick.seq !== this.lastSeq + 1);
    return true;
  }

  /**
   * Merges recent ticks loaded another way, for example from `GET /api/symbols/{symbol}/ticks`, with the points
   * held: a tick already held keeps its held version, the newest `capacity` of the union are kept, and a break
   * (see {@link Series#breakAt}) that the loaded ticks fill in is closed.
   *
   * @param {Array<{seq: number, price: number, ts: number}>} ticks of the same epoch as the points held
   */
  merge(ticks) {
    if (!ticks.length) return;
    const bySeq = new Map();
    for (const { seq, price, ts } of ticks) bySeq.set(seq, { seq, price, ts, gap: false, loaded: true });
    for (let i = 0; i < this.length; i++) {
      const at = this.index(i);
      bySeq.set(this.seqs[at], {
        seq: this.seqs[at], price: this.prices[at], ts: this.times[at], gap: this.breaks[at] === 1, loaded: false,
      });
    }
    const points = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.clear();
    let previous;
    for (const point of points.slice(Math.max(0, points.length - this.capacity))) {
      // A jump in seq is a break where it was one already, or where loaded and live points meet; a jump inside
      // the live points that was never a break is the server leaving ticks out on purpose (`skipped`).
      const jump = previous !== undefined && point.seq !== previous.seq + 1;
      this.append(point, jump && (point.gap || point.loaded !== previous.loaded));
      previous = point;
    }
  }

  /** Writes a point after the newest, dropping the oldest when full. */
  append({ seq, price, ts }, isBreak) {
    const at = this.length < this.capacity ? this.index(this.length) : this.start;
    this.breaks[at] = isBreak ? 1 : 0;
    this.times[at] = ts;
    this.prices[at] = price;
    this.seqs[at] = seq;
    if (this.length < this.capacity) {
      this.length++;
    } else {
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /**
   * @param {number} from index of the first point to look at (0 is the oldest)
   * @returns {{min: number, max: number}} the price range of the points from `from` to the newest
   */
  range(from = 0) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = Math.max(0, from); i < this.length; i++) {
      const price = this.prices[this.index(i)];
      if (price < min) min = price;
      if (price > max) max = price;
    }
    return { min, max };
  }

  /**
   * @param {number} time epoch milliseconds
   * @returns {number} index of the point whose time is nearest, or -1 when empty
   */
  nearest(time) {
    if (!this.length) return -1;
    let lo = 0;
    let hi = this.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.timeAt(mid) < time) lo = mid + 1; else hi = mid;
    }
    if (lo > 0 && Math.abs(this.timeAt(lo - 1) - time) <= Math.abs(this.timeAt(lo) - time)) return lo - 1;
    return lo;
  }
}
