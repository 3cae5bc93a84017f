package io.tickwire.cluster;

import io.tickwire.feed.MarketFeed;
import io.tickwire.market.Quote;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A feed whose AAPL prices tell which node produced them: {@code test.feed.tag} plus a hundredth per quote
 * (below the next hundred), fifty quotes a second.
 */
final class TaggedFeed implements MarketFeed {

    private final double tag;

    private ScheduledExecutorService executor;

    private long count;

    TaggedFeed(double tag) {
        this.tag = tag;
    }

    static boolean producedBy(double tag, double price) {
        return price >= tag && price < tag + 100;
    }

    @Override
    public List<String> symbols() {
        return List.of("AAPL", "MSFT");
    }

    @Override
    public synchronized void start(Consumer<Quote> sink) {
        executor = Executors.newSingleThreadScheduledExecutor();
        executor.scheduleAtFixedRate(() -> sink.accept(Quote.of("AAPL", tag + (count++ % 9_000) / 100.0)),
                20, 20, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        executor.shutdownNow();
    }

    /** Not a {@code @Configuration}, so that the application's component scan never finds it: tests name it. */
    static class Configuration {

        @Bean
        MarketFeed taggedFeed(@Value("${test.feed.tag}") double tag) {
            return new TaggedFeed(tag);
        }
    }
}
