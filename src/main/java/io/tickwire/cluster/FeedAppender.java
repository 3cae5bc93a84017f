package io.tickwire.cluster;

import io.tickwire.history.HistoryUnavailableException;
import io.tickwire.market.Quote;
import io.tickwire.session.DaemonThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends the feed's quotes to Redis from a thread of its own, each batch in one round trip, so that the feed
 * never waits for Redis and publishing is not bound by one round trip per tick. A quote that waited longer than
 * {@link #STALE} is dropped instead, as the simulated feed drops what is more than a second late: a late price
 * is a wrong one. The order of one symbol's quotes is kept, since one thread sends them all on one connection.
 */
final class FeedAppender implements AutoCloseable {

    static final Duration STALE = Duration.ofSeconds(1);

    static final int MAX_BATCH = 512;

    private static final Log logger = LogFactory.getLog(FeedAppender.class);

    private final RedisTickHistory history;

    private final Clock clock;

    private final BlockingQueue<RedisTickHistory.Appending> queue;

    private final Thread thread;

    private final AtomicLong dropped = new AtomicLong();

    private volatile boolean running = true;

    /** Touched by the appending thread only. */
    private boolean down;

    FeedAppender(RedisTickHistory history, Clock clock, int capacity) {
        this.history = history;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = DaemonThreads.named("tickwire-appender").newThread(this::run);
        thread.start();
    }

    /** Queues a quote with its publish time, or drops it when the queue is full. */
    void offer(Quote quote) {
        if (!queue.offer(new RedisTickHistory.Appending(quote, clock.millis()))) {
            dropped.incrementAndGet();
        }
    }

    /** Quotes dropped: the queue was full, they went stale, or Redis did not take them. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<RedisTickHistory.Appending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                RedisTickHistory.Appending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                append(fresh(batch));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                logger.error("Appending the feed's quotes failed", ex);
            } finally {
                batch.clear();
            }
        }
    }

    private List<RedisTickHistory.Appending> fresh(List<RedisTickHistory.Appending> batch) {
        List<RedisTickHistory.Appending> fresh = fresh(batch, clock.millis());
        dropped.addAndGet(batch.size() - fresh.size());
        return fresh;
    }

    /** The quotes of the batch that are not stale at {@code nowMillis}. */
    static List<RedisTickHistory.Appending> fresh(List<RedisTickHistory.Appending> batch, long nowMillis) {
        long oldest = nowMillis - STALE.toMillis();
        return batch.stream().filter(appending -> appending.ts() >= oldest).toList();
    }

    private void append(List<RedisTickHistory.Appending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            history.appendAll(batch);
            if (down) {
                down = false;
                logger.info("Redis takes the feed's quotes again");
            }
        } catch (HistoryUnavailableException ex) {
            dropped.addAndGet(batch.size());
            // one line per outage: health says more until Redis is back
            if (!down) {
                down = true;
                logger.warn("Dropping the feed's quotes until Redis answers again: " + ex.getMessage());
            }
        }
    }
}
