package io.tickwire.cluster;

import io.lettuce.core.ClientOptions;
import io.tickwire.history.Epochs;
import io.tickwire.support.RedisServer;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Stand-ins for Tickwire nodes: each history gets its own connection to the one Redis, as separate nodes would. */
final class RedisNodes implements AutoCloseable {

    private final RedisServer redis;
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();

    RedisNodes(RedisServer redis) {
        this.redis = redis;
    }

    RedisTickHistory history(Collection<String> symbols, int size) {
        return history(symbols, size, Clock.systemUTC());
    }

    RedisTickHistory history(Collection<String> symbols, int size, Clock clock) {
        return new RedisTickHistory(template(), symbols, size, new Epochs(), "tickwire", new DeliveredTicks(), clock);
    }

    StringRedisTemplate template() {
        return new StringRedisTemplate(connectionFactory());
    }

    LettuceConnectionFactory connectionFactory() {
        // no quiet period on shutdown: a test has nothing in flight by then, and each would wait for it; otherwise
        // as a node's connection: short timeout, no queueing while disconnected
        LettuceClientConfiguration client = LettuceClientConfiguration.builder().shutdownQuietPeriod(Duration.ZERO)
                .commandTimeout(ClusterAutoConfiguration.DEFAULT_COMMAND_TIMEOUT)
                .clientOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()), client);
        factory.afterPropertiesSet();
        factory.start();
        factories.add(factory);
        return factory;
    }

    @Override
    public void close() {
        factories.forEach(LettuceConnectionFactory::destroy);
        factories.clear();
    }
}
