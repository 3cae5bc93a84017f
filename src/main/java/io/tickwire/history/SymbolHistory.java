package io.tickwire.history;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A bounded ring of one symbol's latest ticks within one epoch. Thread-safe. */
final class SymbolHistory {

    private final String symbol;
    private final String epoch;
    private final Tick[] ring;
    private long latestSeq;

    SymbolHistory(String symbol, String epoch, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.symbol = symbol;
        this.epoch = epoch;
        this.ring = new Tick[capacity];
    }

    String epoch() {
        return epoch;
    }

    synchronized Tick append(Quote quote, long ts) {
        Tick tick = Tick.of(quote, latestSeq + 1, ts);
        ring[slot(tick.seq())] = tick;
        latestSeq = tick.seq();
        return tick;
    }

    synchronized Optional<Tick> latest() {
        return latestSeq == 0 ? Optional.empty() : Optional.of(ring[slot(latestSeq)]);
    }

    synchronized List<Tick> recent(int limit) {
        return between(Math.max(oldestSeq(), latestSeq - limit + 1), latestSeq);
    }

    synchronized Resumption resume(Position from) {
        if (ResumeRule.canReplay(from, epoch, oldestSeq(), latestSeq)) {
            return Resumption.recovered(symbol, epoch, latestSeq, between(from.seq() + 1, latestSeq));
        }
        return Resumption.snapshot(symbol, epoch, latestSeq, latest().orElse(null));
    }

    private long oldestSeq() {
        return Math.max(1, latestSeq - ring.length + 1);
    }

    private List<Tick> between(long firstSeq, long lastSeq) {
        List<Tick> ticks = new ArrayList<>((int) Math.max(0, lastSeq - firstSeq + 1));
        for (long seq = Math.max(1, firstSeq); seq <= lastSeq; seq++) {
            ticks.add(ring[slot(seq)]);
        }
        return ticks;
    }

    private int slot(long seq) {
        return (int) (seq % ring.length);
    }
}
