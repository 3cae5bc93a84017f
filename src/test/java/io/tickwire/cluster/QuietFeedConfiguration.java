package io.tickwire.cluster;

import io.tickwire.feed.MarketFeed;
import org.springframework.context.annotation.Bean;

import java.util.List;

/**
 * Nodes that carry AAPL and MSFT but publish only what the test publishes. Not a {@code @Configuration}, so that
 * the application's component scan never finds it: tests name it.
 */
class QuietFeedConfiguration {

    @Bean
    MarketFeed marketFeed() {
        return new QuietFeed(List.of("AAPL", "MSFT"));
    }
}
