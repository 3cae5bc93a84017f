package io.tickwire.session;

import io.tickwire.market.Tick;

import java.util.ArrayList;
import java.util.List;

/**
 * One symbol of one session. While the subscribe is being answered it is pending: live ticks are held back
 * until the answer is queued, so that the client sees its {@code subscribed} entry first and then exactly the
 * ticks after the entry's {@code seq}. Guarded by its session.
 */
final class SymbolSubscription {

    private final Double maxRate;
    private boolean pending = true;
    private long lastSeq;
    private List<HeldTick> held = new ArrayList<>();

    SymbolSubscription(Double maxRate) {
        this.maxRate = maxRate;
    }

    Double maxRate() {
        return maxRate;
    }

    boolean isPending() {
        return pending;
    }

    long lastSeq() {
        return lastSeq;
    }

    void hold(Tick tick, String json) {
        held.add(new HeldTick(tick, json));
    }

    /** Ends the pending state at the answer's {@code seq}; returns the held ticks that come after it. */
    List<HeldTick> activate(long answeredSeq) {
        pending = false;
        lastSeq = answeredSeq;
        List<HeldTick> after = held.stream().filter(h -> h.tick().seq() > answeredSeq).toList();
        held = List.of();
        return after;
    }

    /** Whether this tick is new to the client; if so it becomes the latest it will have. */
    boolean advance(Tick tick) {
        if (tick.seq() <= lastSeq) {
            return false;
        }
        lastSeq = tick.seq();
        return true;
    }

    record HeldTick(Tick tick, String json) {
    }
}
