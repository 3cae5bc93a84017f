package io.tickwire.cluster;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.TickPublisher;
import io.tickwire.market.UnknownSymbolException;

import java.time.Clock;

/**
 * Publishing in cluster mode: the append script numbers, stores and announces the tick in one step, and every
 * node, this one included, hands it to its sessions when it hears it ({@link ClusterFanOut}). No lock is needed
 * here: Redis orders the appends of a symbol, from whichever node they come. The HTTP API waits for each tick; the
 * feed's quotes are appended in batches.
 */
final class RedisTickPublisher implements TickPublisher {

    private final RedisTickHistory history;

    private final Clock clock;

    private final FeedAppender feedAppender;

    RedisTickPublisher(RedisTickHistory history, Clock clock, FeedAppender feedAppender) {
        this.history = history;
        this.clock = clock;
        this.feedAppender = feedAppender;
    }

    @Override
    public Tick publish(Quote quote) {
        return history.append(quote, clock.millis());
    }

    /** The feed's quotes go in batches, one round trip each (see {@link FeedAppender}). */
    @Override
    public void offer(Quote quote) {
        if (!history.contains(quote.symbol())) {
            throw new UnknownSymbolException(quote.symbol());
        }
        feedAppender.offer(quote);
    }
}
