package io.tickwire.market;

/** Receives every published tick, in {@code seq} order per symbol, on the publishing thread. It must not block. */
@FunctionalInterface
public interface TickListener {

    void onTick(Tick tick);
}
