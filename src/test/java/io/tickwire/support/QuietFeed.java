package io.tickwire.support;

import io.tickwire.feed.MarketFeed;
import io.tickwire.market.Quote;

import java.util.List;
import java.util.function.Consumer;

/** A feed that carries symbols but never publishes, so that every tick in a test is one the test published. */
public record QuietFeed(List<String> symbols) implements MarketFeed {

    @Override
    public void start(Consumer<Quote> sink) {
    }

    @Override
    public void stop() {
    }
}
