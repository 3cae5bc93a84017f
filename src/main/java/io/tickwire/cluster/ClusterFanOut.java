package io.tickwire.cluster;

import io.tickwire.history.HistoryUnavailableException;
import io.tickwire.history.Position;
import io.tickwire.market.Tick;
import io.tickwire.market.TickListener;
import io.tickwire.session.DaemonThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands every tick published on any node to this node's listeners (its sessions), through the same
 * {@link TickListener} path as in local mode, one symbol's ticks in seq order.
 * <p>
 * Messages are taken off Redis's connection thread at once and delivered by one thread of their own, in the order
 * they came. Each symbol's position is kept: a duplicate is dropped, a gap (messages lost while the subscription
 * was down, or dropped because this thread fell behind) is filled from the stream before the tick that revealed
 * it, and a tick of a new epoch tells the listeners that the history was lost. What cannot be filled is delivered
 * with its gap, which clients see and close through resume.
 */
final class ClusterFanOut implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(ClusterFanOut.class);

    private final RedisTickHistory history;

    private final List<TickListener> listeners;

    private final DeliveredTicks delivered;

    private final ThreadPoolExecutor deliveries;

    private final AtomicLong dropped = new AtomicLong();

    private volatile boolean behind;

    ClusterFanOut(RedisTickHistory history, List<TickListener> listeners, DeliveredTicks delivered,
            int queueCapacity) {
        this.history = history;
        this.listeners = List.copyOf(listeners);
        this.delivered = delivered;
        this.deliveries = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), DaemonThreads.named("tickwire-fanout"));
    }

    /** Takes a message heard on the tick channel; returns at once, whatever the listeners do with it. */
    void accept(String message) {
        run(() -> deliver(message));
    }

    /**
     * Catches up with where each symbol stands in Redis, for when this node may have missed ticks without a later
     * one to show it (it subscribed, or Redis answers again): fills what it missed, or closes the subscribers of a
     * symbol whose history was lost. Best effort: without Redis there is nothing to learn yet.
     */
    void catchUp() {
        run(() -> {
            behind = false;
            for (String symbol : history.symbols()) {
                try {
                    catchUp(symbol);
                } catch (HistoryUnavailableException ex) {
                    behind = true;
                    logger.debug("Not caught up with " + symbol + ", Redis did not answer", ex);
                }
            }
        });
    }

    /** Whether a message was dropped or a catch-up failed since the last catch-up began. */
    boolean isBehind() {
        return behind;
    }

    /** Messages this node could not keep up with; each leaves a gap that the next tick of its symbol fills. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        deliveries.shutdownNow();
    }

    private void catchUp(String symbol) {
        Position position = history.position(symbol);
        DeliveredTicks.Delivered last = delivered.get(symbol);
        if (position == null) {
            return;
        }
        if (last == null || !last.epoch().equals(position.epoch())) {
            if (last != null) {
                lost(symbol, last, position.epoch());
            }
            delivered.startAt(symbol, position.epoch(), position.seq());
        } else if (position.seq() > last.seq()) {
            fill(position.epoch(), symbol, last.seq() + 1, position.seq());
        }
    }

    private void run(Runnable task) {
        try {
            deliveries.execute(task);
        } catch (RejectedExecutionException ex) {
            dropped.incrementAndGet();
            // the last tick of a quiet symbol may be among what was dropped: nothing would reveal the gap
            behind = true;
        }
    }

    private void deliver(String body) {
        PublishedTick published;
        try {
            published = PublishedTick.decode(body);
        } catch (RuntimeException ex) {
            logger.warn("Ignoring a message on " + history.channel() + " that is not a tick: " + ex.getMessage());
            return;
        }
        Tick tick = published.tick();
        if (!history.contains(tick.symbol())) {
            return;
        }
        DeliveredTicks.Delivered last = delivered.get(tick.symbol());
        if (last != null && !last.epoch().equals(published.epoch())) {
            lost(tick.symbol(), last, published.epoch());
        } else if (last != null) {
            if (tick.seq() <= last.seq()) {
                return;
            }
            if (tick.seq() > last.seq() + 1) {
                fill(published.epoch(), tick.symbol(), last.seq() + 1, tick.seq() - 1);
            }
        }
        hand(published.epoch(), tick);
    }

    private void lost(String symbol, DeliveredTicks.Delivered last, String epoch) {
        logger.warn("History of " + symbol + " was lost (epoch " + last.epoch() + " at seq " + last.seq() + " is now "
                + epoch + "); its subscribers are closed so that they resume");
        for (TickListener listener : listeners) {
            try {
                listener.onHistoryLost(symbol);
            } catch (RuntimeException ex) {
                logger.error("Tick listener failed on the loss of " + symbol + "'s history", ex);
            }
        }
    }

    private void fill(String epoch, String symbol, long firstSeq, long lastSeq) {
        try {
            List<Tick> missed = history.range(symbol, epoch, firstSeq, lastSeq);
            if (missed != null) {
                missed.forEach(tick -> hand(epoch, tick));
            }
        } catch (HistoryUnavailableException ex) {
            logger.debug("Gap " + symbol + " " + firstSeq + ".." + lastSeq + " left for clients to resume", ex);
        }
    }

    private void hand(String epoch, Tick tick) {
        delivered.put(epoch, tick);
        for (TickListener listener : listeners) {
            try {
                listener.onTick(tick);
            } catch (RuntimeException ex) {
                logger.error("Tick listener failed on " + tick, ex);
            }
        }
    }
}
