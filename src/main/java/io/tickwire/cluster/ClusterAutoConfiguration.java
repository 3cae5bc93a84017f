package io.tickwire.cluster;

import io.tickwire.feed.FeedAutoConfiguration;
import io.tickwire.feed.MarketFeed;
import io.tickwire.history.Epochs;
import io.tickwire.history.HistoryProperties;
import io.tickwire.history.TickHistory;
import io.tickwire.market.MarketAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Cluster mode ({@code tickwire.cluster.mode=redis}): history shared through Redis. Runs before
 * {@link MarketAutoConfiguration} so that its in-memory defaults back off; in local mode it defines nothing and
 * nothing here touches Redis, though the settings are still checked.
 */
@AutoConfiguration(after = { FeedAutoConfiguration.class, DataRedisAutoConfiguration.class },
        before = MarketAutoConfiguration.class)
@EnableConfigurationProperties({ ClusterProperties.class, HistoryProperties.class })
public class ClusterAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "tickwire.cluster.mode", havingValue = "redis")
    @ConditionalOnMissingBean
    TickHistory redisTickHistory(StringRedisTemplate redis, MarketFeed feed, HistoryProperties history,
            ClusterProperties cluster) {
        return new RedisTickHistory(redis, feed.symbols(), history.size(), new Epochs(), cluster.keyPrefix());
    }
}
