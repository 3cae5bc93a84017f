// Named events with listeners that cannot break the code that emits them.

/**
 * A small event emitter with a fixed set of event names, so that a misspelt name fails at once instead of
 * never firing.
 */
export class Emitter {
  /** @type {Map<string, Set<Function>>} */
  #listeners = new Map();
  #onListenerError;

  /**
   * @param {Iterable<string>} names the events that exist
   * @param {(name: string, error: unknown) => void} onListenerError told when a listener throws; the other
   *   listeners still run
   */
  constructor(names, onListenerError) {
    for (const name of names) {
      this.#listeners.set(name, new Set());
    }
    this.#onListenerError = onListenerError;
  }

  /**
   * @param {string} name
   * @param {Function} listener
   * @returns {() => void} removes the listener again
   */
  on(name, listener) {
    if (typeof listener !== 'function') {
      throw new TypeError(`listener for '${name}' must be a function`);
    }
    this.#listenersOf(name).add(listener);
    return () => this.off(name, listener);
  }

  /**
   * @param {string} name
   * @param {Function} listener
   */
  off(name, listener) {
    this.#listenersOf(name).delete(listener);
  }

  /** Calls every listener of `name` with `args`, in the order they were added. */
  emit(name, ...args) {
    for (const listener of [...this.#listenersOf(name)]) {
      try {
        listener(...args);
      } catch (error) {
        this.#onListenerError(name, error);
      }
    }
  }

  #listenersOf(name) {
    const listeners = this.#listeners.get(name);
    if (!listeners) {
      throw new TypeError(`unknown event '${name}'; known: ${[...this.#listeners.keys()].join(', ')}`);
    }
    return listeners;
  }
}
