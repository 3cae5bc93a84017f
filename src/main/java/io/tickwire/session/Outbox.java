package io.tickwire.session;

import io.tickwire.market.Tick;
import io.tickwire.protocol.ServerMessageEncoder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is waiting to be written to one client. Bounded by conflation: once more than {@code conflateAbove}
 * messages wait, a new tick of a symbol that already has one waiting takes that one's place, and counts it
 * as skipped, so a client that falls behind gets the latest prices rather than an ever longer backlog.
 * Thread-safe.
 */
final class Outbox {

    private final int conflateAbove;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /**
     * The newest waiting tick of each symbol, kept only while conflating: building it once when the queue
     * reaches the bound keeps map work off the path of a client that keeps up.
     */
    private Map<String, PendingTick> waitingTickBySymbol;
    private long conflated;

    Outbox(int conflateAbove) {
        this.conflateAbove = conflateAbove;
    }

    synchronized void offerMessage(String json) {
        queue.add(json);
        if (waitingTickBySymbol != null) {
            // a newer tick must not take the place of one queued before this message, or it would overtake it
            waitingTickBySymbol.clear();
        }
    }

    synchronized void offerTick(Tick tick, String json) {
        offerTick(tick, json, 0, tick.ts());
    }

    /**
     * @param skipped ticks of the symbol this one already stands for (left out under the client's maxRate)
     * @param dueAt when the tick was due to this client, epoch milliseconds: its publish time, or the moment a
     *        client's maxRate let it go; what the frame's delay is measured from
     * @return whether it took the place of a waiting tick of its symbol (conflation)
     */
    synchronized boolean offerTick(Tick tick, String json, long skipped, long dueAt) {
        if (queue.size() >= conflateAbove) {
            PendingTick waiting = waitingTicksBySymbol().get(tick.symbol());
            if (waiting != null) {
                waiting.replaceWith(json, skipped, dueAt);
                conflated++;
                return true;
            }
        }
        PendingTick pending = new PendingTick(tick.symbol(), json, skipped, dueAt);
        queue.add(pending);
        if (waitingTickBySymbol != null) {
            waitingTickBySymbol.put(tick.symbol(), pending);
        }
        return false;
    }

    private Map<String, PendingTick> waitingTicksBySymbol() {
        if (waitingTickBySymbol == null) {
            waitingTickBySymbol = new HashMap<>();
            // only ticks after the last plain message may be replaced, so that none overtakes it
            for (Object item : queue) {
                if (item instanceof PendingTick tick) {
                    waitingTickBySymbol.put(tick.symbol, tick);
                } else {
                    waitingTickBySymbol.clear();
                }
            }
        }
        return waitingTickBySymbol;
    }

    /** Drops everything waiting. */
    synchronized void clear() {
        queue.clear();
        waitingTickBySymbol = null;
    }

    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }

    synchronized int size() {
        return queue.size();
    }

    /** Ticks dropped in favour of a newer one of the same symbol, since this outbox was made. */
    synchronized long conflated() {
        return conflated;
    }

    /**
     * Takes the next frame: a single message, or as many as fit in {@code maxFrameChars} as one batch. Called by
     * the session's one writer only: frames taken by two callers at once could be sent out of order.
     *
     * @return the frame, or {@code null} when nothing waits
     */
    Frame nextFrame(int maxFrameChars) {
        List<String> items = new ArrayList<>();
        long oldestDueAt = takeFrameItems(maxFrameChars, items);
        if (items.isEmpty()) {
            return null;
        }
        // built outside the lock, which publishers wait on
        String text = items.size() == 1 ? items.get(0) : ServerMessageEncoder.batch(items);
        return new Frame(text, items.size(), oldestDueAt);
    }

    /**
     * @param text what goes on the wire
     * @param messages the messages it carries: 1, or the items of a batch
     * @param oldestDueAt the earliest {@code dueAt} of the ticks in it, or 0 when it carries none
     */
    record Frame(String text, int messages, long oldestDueAt) {
    }

    /** Moves the next frame's messages, encoded, into {@code items}; answers the earliest dueAt of its ticks, or 0. */
    private synchronized long takeFrameItems(int maxFrameChars, List<String> items) {
        int itemChars = 0;
        long oldestDueAt = 0;
        while (!queue.isEmpty()) {
            Object next = queue.peek();
            String item = encoded(next);
            if (!items.isEmpty() && ServerMessageEncoder.batchOverhead(items.size() + 1) + itemChars + item.length() > maxFrameChars) {
                break;
            }
            take();
            items.add(item);
            itemChars += item.length();
            if (next instanceof PendingTick tick && (oldestDueAt == 0 || tick.dueAt < oldestDueAt)) {
                oldestDueAt = tick.dueAt;
            }
        }
        return oldestDueAt;
    }

    private void take() {
        if (queue.poll() instanceof PendingTick tick && waitingTickBySymbol != null) {
            waitingTickBySymbol.remove(tick.symbol, tick);
        }
        if (queue.isEmpty()) {
            waitingTickBySymbol = null;
        }
    }

    private static String encoded(Object item) {
        return item instanceof PendingTick tick ? ServerMessageEncoder.withSkipped(tick.json, tick.skipped) : (String) item;
    }

    private static final class PendingTick {

        private final String symbol;
        private String json;
        private long skipped;
        private long dueAt;

        PendingTick(String symbol, String json, long skipped, long dueAt) {
            this.symbol = symbol;
            this.json = json;
            this.skipped = skipped;
            this.dueAt = dueAt;
        }

        void replaceWith(String newer, long newerSkipped, long newerDueAt) {
            json = newer;
            skipped += 1 + newerSkipped;
            dueAt = newerDueAt;
        }
    }
}
