package io.tickwire.feed;

import io.tickwire.market.TickPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A simulated {@link MarketFeed} unless the application defines its own, and the lifecycle that runs whichever
 * feed there is.
 */
@AutoConfiguration
@EnableConfigurationProperties(FeedProperties.class)
public class FeedAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MarketFeed simulatedMarketFeed(FeedProperties properties, ObjectProvider<Clock> clock) {
        // looked up when the feed is created, by which time MarketAutoConfiguration (which runs after this
        // class) has registered its Clock; the fallback only serves contexts without it
        long seed = (properties.seed() != null) ? properties.seed() : ThreadLocalRandom.current().nextLong();
        return new SimulatedMarketFeed(properties.symbols(), properties.ticksPerSecond(), new RandomWalk(seed),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    FeedLifecycle feedLifecycle(MarketFeed feed, TickPublisher publisher, ObjectProvider<FeedLeadership> leadership) {
        return new FeedLifecycle(feed, publisher, leadership.getIfAvailable(() -> FeedLeadership.ALONE));
    }
}
