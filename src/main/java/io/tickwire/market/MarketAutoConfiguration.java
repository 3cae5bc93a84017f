package io.tickwire.market;

import io.tickwire.feed.FeedAutoConfiguration;
import io.tickwire.feed.MarketFeed;
import io.tickwire.history.Epochs;
import io.tickwire.history.HistoryProperties;
import io.tickwire.history.InMemoryTickHistory;
import io.tickwire.history.TickHistory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** The default, single-node path of a tick: in-memory history and in-process fan-out. */
@AutoConfiguration(after = FeedAutoConfiguration.class)
@EnableConfigurationProperties(HistoryProperties.class)
public class MarketAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    TickHistory tickHistory(MarketFeed feed, HistoryProperties properties) {
        return new InMemoryTickHistory(feed.symbols(), properties.size(), new Epochs());
    }

    @Bean
    @ConditionalOnMissingBean
    TickPublisher tickPublisher(TickHistory history, ObjectProvider<TickListener> listeners, Clock clock) {
        return new LocalTickPublisher(history, listeners.orderedStream().toList(), clock);
    }
}
