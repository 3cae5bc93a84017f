package io.tickwire.session;

import io.tickwire.market.Tick;

import java.util.ArrayList;
import java.util.List;

/**
 * One symbol of one session. While the subscribe is being answered it is pending: live ticks are held back
 * until the answer is queued, so that the client sees its {@code subscribed} entry first and then exactly the
 * ticks after the entry's {@code seq}. The registry indexes these, not sessions, so that
 * a tick reaches each subscriber without a lookup per session. With a {@code maxRate}, a tick that comes too soon after the last one
 * waits, and a newer one takes its place, counted as skipped. Guarded by its session.
 */
final class SymbolSubscription {

    private final ClientSession session;
    private final String symbol;
    private final long minIntervalMillis;
    private boolean ended;
    private boolean pending = true;
    private long queuedSeq;
    private List<HeldTick> held = new ArrayList<>();
    private long nextDueMillis;
    private HeldTick deferred;
    private long deferredSkipped;
    private boolean flushScheduled;

    /** @param maxRate most ticks per second, or {@code null} for all */
    SymbolSubscription(ClientSession session, String symbol, Double maxRate) {
        this.session = session;
        this.symbol = symbol;
        this.minIntervalMillis = maxRate == null ? 0 : (long) Math.ceil(1000 / maxRate);
    }

    ClientSession session() {
        return session;
    }

    String symbol() {
        return symbol;
    }

    /** From now on this subscription takes no ticks: the client unsubscribed, subscribed anew, or left. */
    void end() {
        ended = true;
    }

    boolean isEnded() {
        return ended;
    }

    /** Whether a {@code maxRate} applies, so that ticks need the time to be paced. */
    boolean isPaced() {
        return minIntervalMillis > 0;
    }

    boolean isPending() {
        return pending;
    }

    /** The seq of the latest tick put in the outbox, which a heartbeat may announce. */
    long queuedSeq() {
        return queuedSeq;
    }

    void hold(Tick tick, String json) {
        held.add(new HeldTick(tick, json, 0));
    }

    /** Ends the pending state at the answer's {@code seq}; returns the held ticks that come after it. */
    List<HeldTick> activate(long answeredSeq) {
        pending = false;
        queuedSeq = answeredSeq;
        List<HeldTick> after = held.stream().filter(h -> h.tick().seq() > answeredSeq).toList();
        held = List.of();
        return after;
    }

    /** Whether this tick is newer than the latest one queued for the client or waiting for its turn. */
    boolean isNew(Tick tick) {
        return tick.seq() > (deferred != null ? deferred.tick().seq() : queuedSeq);
    }

    /**
     * Decides whether a new tick may go out now under {@code maxRate}.
     *
     * @return the tick to queue now, or {@code null} when it waits (then {@link #needsFlush} says whether a
     *         flush must be scheduled, and {@link #flushDelay} when)
     */
    HeldTick pace(Tick tick, String json, long nowMillis) {
        if (deferred == null && nowMillis >= nextDueMillis) {
            nextDueMillis = nowMillis + minIntervalMillis;
            return new HeldTick(tick, json, 0);
        }
        if (deferred != null) {
            deferredSkipped++;
        }
        deferred = new HeldTick(tick, json, 0);
        return null;
    }

    boolean needsFlush() {
        if (deferred == null || flushScheduled) {
            return false;
        }
        flushScheduled = true;
        return true;
    }

    long flushDelay(long nowMillis) {
        return Math.max(0, nextDueMillis - nowMillis);
    }

    /** The tick that waited for its turn, with how many it stands for; {@code null} if none waits. */
    HeldTick flush(long nowMillis) {
        flushScheduled = false;
        if (deferred == null) {
            return null;
        }
        HeldTick due = new HeldTick(deferred.tick(), deferred.json(), deferredSkipped);
        deferred = null;
        deferredSkipped = 0;
        nextDueMillis = nowMillis + minIntervalMillis;
        return due;
    }

    void queued(Tick tick) {
        queuedSeq = tick.seq();
    }

    /** A tick kept back for a while, with how many earlier ticks of its symbol it replaces. */
    record HeldTick(Tick tick, String json, long skipped) {
    }
}
