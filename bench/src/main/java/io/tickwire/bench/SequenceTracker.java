package io.tickwire.bench;

import java.util.Arrays;

/**
 * Checks the ticks of one connection against PROTOCOL.md: per symbol, each {@code seq} is one more than the last,
 * or more by exactly what {@code skipped} says the server left out on purpose. A larger jump is a gap (counted
 * in missing ticks), a {@code seq} not above the last is a duplicate. The first tick of a symbol sets the base,
 * unless a {@code subscribed} entry did.
 */
final class SequenceTracker {

    private static final long UNSEEN = Long.MIN_VALUE;

    private static final long[] NONE = new long[0];

    private long[] last = NONE;

    private long ticks;

    private long missing;

    private long gaps;

    private long duplicates;

    private long skipped;

    void subscribed(int symbol, long seq) {
        ensure(symbol);
        last[symbol] = seq;
    }

    void tick(int symbol, long seq, long skippedBefore) {
        ensure(symbol);
        ticks++;
        skipped += Math.max(0, skippedBefore);
        long previous = last[symbol];
        if (previous == UNSEEN) {
            last[symbol] = seq;
            return;
        }
        if (seq <= previous) {
            duplicates++;
            return;
        }
        long expected = previous + 1 + Math.max(0, skippedBefore);
        if (seq > expected) {
            gaps++;
            missing += seq - expected;
        }
        last[symbol] = seq;
    }

    /** Ticks received, duplicates included. */
    long ticks() {
        return ticks;
    }

    /** Jumps in seq that {@code skipped} does not explain. */
    long gaps() {
        return gaps;
    }

    /** Ticks lost in those jumps. */
    long missing() {
        return missing;
    }

    long duplicates() {
        return duplicates;
    }

    long skipped() {
        return skipped;
    }

    private void ensure(int symbol) {
        if (symbol >= last.length) {
            int from = last.length;
            last = Arrays.copyOf(last, Math.max(symbol + 1, Math.max(4, from * 2)));
            Arrays.fill(last, from, last.length, UNSEEN);
        }
    }
}
