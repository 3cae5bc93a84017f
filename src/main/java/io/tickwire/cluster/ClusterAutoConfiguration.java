package io.tickwire.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.tickwire.feed.FeedAutoConfiguration;
import io.tickwire.feed.MarketFeed;
import io.tickwire.history.Epochs;
import io.tickwire.history.HistoryProperties;
import io.tickwire.history.TickHistory;
import io.tickwire.market.MarketAutoConfiguration;
import io.tickwire.market.TickListener;
import io.tickwire.market.TickPublisher;
import io.tickwire.websocket.NodeProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Cluster mode ({@code tickwire.cluster.mode=redis}): history, fan-out and the feed's lease shared through Redis.
 * Runs before {@link MarketAutoConfiguration} so that its in-memory defaults back off; in local mode it defines
 * nothing and nothing here touches Redis, though the settings are still checked.
 */
@AutoConfiguration(after = { FeedAutoConfiguration.class, DataRedisAutoConfiguration.class },
        before = MarketAutoConfiguration.class)
@EnableConfigurationProperties({ ClusterProperties.class, HistoryProperties.class })
public class ClusterAutoConfiguration {

    /** Lettuce waits a minute for an answer by default; a stalled Redis must not hold a subscribe that long. */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    /** Ticks heard but not yet handed to the sessions; beyond it they are dropped and filled in from the stream. */
    static final int FAN_OUT_QUEUE = 65_536;

    /** The feed's quotes waiting to be appended; they go stale within a second anyway. */
    static final int FEED_QUEUE = 65_536;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "tickwire.cluster.mode", havingValue = "redis")
    @ConditionalOnMissingBean({ TickHistory.class, TickPublisher.class })
    static class RedisMode {

        @Bean
        LettuceClientOptionsBuilderCustomizer tickwireFailFastWhileDisconnected() {
            // queued commands would wait for a reconnect that may take long; failing at once lets callers fall back
            return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }

        @Bean
        ClientResourcesBuilderCustomizer tickwireReconnectPromptly() {
            // Lettuce's default backoff grows to 30 s, which a node would spend refusing every command after
            // Redis is back; a second is plenty between attempts on a local network
            return resources -> resources.reconnectDelay(
                    Delay.exponential(Duration.ZERO, Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
        }

        @Bean
        LettuceClientConfigurationBuilderCustomizer tickwireCommandTimeout(DataRedisProperties properties) {
            return client -> {
                if (properties.getTimeout() == null) {
                    client.commandTimeout(DEFAULT_COMMAND_TIMEOUT);
                }
            };
        }

        @Bean
        DeliveredTicks deliveredTicks() {
            return new DeliveredTicks();
        }

        @Bean
        RedisTickHistory redisTickHistory(StringRedisTemplate redis, MarketFeed feed, HistoryProperties history,
                ClusterProperties cluster, DeliveredTicks delivered, Clock clock) {
            return new RedisTickHistory(redis, feed.symbols(), history.size(), new Epochs(), cluster.keyPrefix(),
                    delivered, clock);
        }

        @Bean
        FeedAppender feedAppender(RedisTickHistory history, Clock clock) {
            return new FeedAppender(history, clock, FEED_QUEUE);
        }

        @Bean
        TickPublisher redisTickPublisher(RedisTickHistory history, Clock clock, FeedAppender feedAppender) {
            return new RedisTickPublisher(history, clock, feedAppender);
        }

        @Bean
        ClusterFanOut clusterFanOut(RedisTickHistory history, ObjectProvider<TickListener> listeners,
                DeliveredTicks delivered) {
            return new ClusterFanOut(history, listeners.orderedStream().toList(), delivered, FAN_OUT_QUEUE);
        }

        @Bean
        NodeId clusterNodeId(Environment environment) {
            return NodeId.of(new NodeProperties(environment.getProperty("tickwire.node.name")).nameOrHost());
        }

        @Bean
        FanOutSubscription fanOutSubscription(RedisConnectionFactory connections, ClusterFanOut fanOut,
                RedisTickHistory history, StringRedisTemplate redis, Clock clock, ClusterProperties cluster,
                NodeId nodeId) {
            return new FanOutSubscription(connections, fanOut, history.channel(), redis, clock,
                    cluster.probeInterval(), nodeId.value());
        }

        @Bean
        FeedLease feedLease(StringRedisTemplate redis, ClusterProperties cluster, NodeId nodeId, Clock clock) {
            return new FeedLease(redis, new RedisKeys(cluster.keyPrefix()).feedLease(), nodeId.value(),
                    cluster.leaseTtl(), clock);
        }
    }

    /**
     * Readiness in cluster mode includes {@code cluster}; with the application's own history or publisher in place
     * of Redis's, there is nothing of the cluster to report and it says so.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "tickwire.cluster.mode", havingValue = "redis")
    @ConditionalOnClass(HealthIndicator.class)
    static class RedisModeHealth {

        @Bean
        ClusterHealthIndicator clusterHealthIndicator(ObjectProvider<FanOutSubscription> subscription,
                ObjectProvider<ClusterFanOut> fanOut, ObjectProvider<FeedLease> lease) {
            return new ClusterHealthIndicator(subscription.getIfAvailable(), fanOut.getIfAvailable(),
                    lease.getIfAvailable());
        }
    }
}
