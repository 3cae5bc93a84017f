package io.tickwire.cluster;

import io.tickwire.history.Epochs;
import io.tickwire.support.RedisServer;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

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
        return new RedisTickHistory(template(), symbols, size, new Epochs(), "tickwire");
    }

    StringRedisTemplate template() {
        return new StringRedisTemplate(connectionFactory());
    }

    LettuceConnectionFactory connectionFactory() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
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
