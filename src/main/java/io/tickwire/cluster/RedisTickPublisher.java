package io.tickwire.cluster;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.TickPublisher;

import java.time.Clock;

/**
 * Publishing in cluster mode: the append script numbers, stores and announces the tick in one step, and every
 * node, this one included, hands it to its sessions when it hears it ({@link ClusterFanOut}). No lock is needed
 * here: Redis orders the appends of a symbol, from whichever node they come.
 */
final class RedisTickPublisher implements TickPublisher {

    private final RedisTickHistory history;

    private final Clock clock;

    RedisTickPublisher(RedisTickHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Override
    public Tick publish(Quote quote) {
        return history.append(quote, clock.millis());
    }
}
