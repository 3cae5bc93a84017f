package io.tickwire.feed;

import io.tickwire.market.Quote;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where prices come from. Define a bean of this type to replace the simulated feed with a real one.
 * Tickwire calls {@link #start} once the server is ready and {@link #stop} before it shuts down.
 */
public interface MarketFeed {

    /** The symbols this feed produces; they are the symbols clients may subscribe to. */
    List<String> symbols();

    /**
     * Begins producing quotes. The sink may be called from any thread, but quotes of one symbol
     * must not be passed from two threads at once, so that their order is kept.
     */
    void start(Consumer<Quote> sink);

    void stop();
}
