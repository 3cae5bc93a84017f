package io.tickwire.cluster;

import io.tickwire.market.Tick;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per symbol, the epoch and the latest tick this node has handed to its sessions: where the fan-out resumes after
 * a gap, and what the node can still tell a subscriber while Redis does not answer.
 */
final class DeliveredTicks {

    private final Map<String, Delivered> bySymbol = new ConcurrentHashMap<>();

    Delivered get(String symbol) {
        return bySymbol.get(symbol);
    }

    void put(String epoch, Tick tick) {
        bySymbol.put(tick.symbol(), new Delivered(epoch, tick.seq(), tick));
    }

    /** Learns where a symbol stands without its tick: before any came through, or in a new epoch. */
    void startAt(String symbol, String epoch, long seq) {
        bySymbol.put(symbol, new Delivered(epoch, seq, null));
    }

    /** @param latest the tick at {@code seq}, or {@code null} when only the position is known */
    record Delivered(String epoch, long seq, Tick latest) {
    }
}
