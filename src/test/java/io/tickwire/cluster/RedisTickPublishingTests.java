package io.tickwire.cluster;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What other nodes hear of an append: one message per tick on the deployment's channel, in seq order. */
class RedisTickPublishingTests {

    private final RedisServer redis = RedisServer.start();

    private final RedisNodes nodes = new RedisNodes(redis);

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    private RedisMessageListenerContainer listener;

    @BeforeEach
    void listen() {
        listener = new RedisMessageListenerContainer();
        listener.setConnectionFactory(nodes.connectionFactory());
        // in the order heard, as the nodes do: the default executor takes a thread per message
        listener.setTaskExecutor(new SyncTaskExecutor());
        listener.addMessageListener((message, pattern) -> heard.add(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic("tickwire:ticks"));
        listener.afterPropertiesSet();
        // returns once Redis has confirmed the subscription
        listener.start();
    }

    @AfterEach
    void stop() throws Exception {
        listener.destroy();
        nodes.close();
        redis.close();
    }

    @Test
    void everyAppendIsPublishedWithItsEpochAndSeq() throws Exception {
        RedisTickHistory nodeA = nodes.history(List.of("AAPL", "MSFT"), 5);
        RedisTickHistory nodeB = nodes.history(List.of("AAPL", "MSFT"), 5);
        Tick first = nodeA.append(new Quote("AAPL", 189.23, 189.22, 189.24, 1_203_400L, 187.90), 1_000);
        Tick second = nodeB.append(Quote.of("AAPL", 189.25), 1_001);
        Tick other = nodeB.append(Quote.of("MSFT", 411.02), 1_002);
        String epoch = nodeA.resume("AAPL", null).epoch();
        String msftEpoch = nodeA.resume("MSFT", null).epoch();

        assertThat(List.of(next(), next(), next())).containsExactly(
                new PublishedTick(epoch, first), new PublishedTick(epoch, second), new PublishedTick(msftEpoch, other));
    }

    private PublishedTick next() throws InterruptedException {
        String message = heard.poll(5, TimeUnit.SECONDS);
        assertThat(message).as("a published tick").isNotNull();
        return PublishedTick.decode(message);
    }
}
