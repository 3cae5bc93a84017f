package io.tickwire.market;

/** Receives every published tick, in {@code seq} order per symbol, on the publishing thread. It must not block. */
@FunctionalInterface
public interface TickListener {

    void onTick(Tick tick);

    /**
     * The symbol's history was lost (a shared store restarted empty) and its {@code seq} starts again in a new
     * epoch: positions held from before can no longer be compared with the ticks that follow.
     */
    default void onHistoryLost(String symbol) {
    }
}
