package io.tickwire.market;

import io.tickwire.history.TickHistory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Numbers, stores and fans out ticks within this process. One lock per symbol keeps each symbol's ticks
 * in seq order all the way to the listeners, even when a feed and the HTTP API publish at once.
 */
public final class LocalTickPublisher implements TickPublisher {

    private final TickHistory history;
    private final List<TickListener> listeners;
    private final Clock clock;
    private final Map<String, Object> locks;

    public LocalTickPublisher(TickHistory history, List<TickListener> listeners, Clock clock) {
        this.history = history;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.locks = history.symbols().stream().collect(Collectors.toUnmodifiableMap(Function.identity(), s -> new Object()));
    }

    @Override
    public Tick publish(Quote quote) {
        Object lock = locks.get(quote.symbol());
        if (lock == null) {
            throw new UnknownSymbolException(quote.symbol());
        }
        synchronized (lock) {
            Tick tick = history.append(quote, clock.millis());
            for (TickListener listener : listeners) {
                listener.onTick(tick);
            }
            return tick;
        }
    }
}
