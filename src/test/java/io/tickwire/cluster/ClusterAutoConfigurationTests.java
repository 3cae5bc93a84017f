package io.tickwire.cluster;

import io.tickwire.support.QuietApplication;
import io.tickwire.feed.FeedAutoConfiguration;
import io.tickwire.feed.FeedLeadership;
import io.tickwire.history.InMemoryTickHistory;
import io.tickwire.history.TickHistory;
import io.tickwire.market.MarketAutoConfiguration;
import io.tickwire.market.Quote;
import io.tickwire.market.TickPublisher;
import io.tickwire.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterAutoConfigurationTests {

    private static RedisServer redis;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, FeedAutoConfiguration.class,
                    ClusterAutoConfiguration.class, MarketAutoConfiguration.class))
            .withUserConfiguration(QuietApplication.Feed.class);

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void localModeIsTheDefaultAndNeedsNoRedis() throws IOException {
        runner.withPropertyValues("spring.data.redis.port=" + closedPort()).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TickHistory.class)).isInstanceOf(InMemoryTickHistory.class);
            assertThat(context.getBean(TickPublisher.class).publish(Quote.of("AAPL", 189.20)).seq()).isOne();
        });
    }

    @Test
    void redisModeKeepsHistoryInRedis() {
        redis.command("FLUSHALL");
        runner.withPropertyValues("tickwire.cluster.mode=redis", "spring.data.redis.port=" + redis.port(),
                "tickwire.history.size=3").run((context) -> {
            assertThat(context.getBean(TickHistory.class)).isInstanceOf(RedisTickHistory.class);
            assertThat(context.getBean(FeedLeadership.class)).isInstanceOf(FeedLease.class);
            TickPublisher publisher = context.getBean(TickPublisher.class);
            for (int i = 1; i <= 5; i++) {
                assertThat(publisher.publish(Quote.of("AAPL", 189 + i)).seq()).isEqualTo(i);
            }
            assertThat(redis.command("XLEN", "tickwire:{AAPL}:ticks")).isEqualTo(":3");
        });
    }

    @Test
    void keyPrefixSeparatesDeployments() {
        redis.command("FLUSHALL");
        runner.withPropertyValues("tickwire.cluster.mode=redis", "spring.data.redis.port=" + redis.port(),
                "tickwire.cluster.key-prefix=staging").run((context) -> {
            context.getBean(TickPublisher.class).publish(Quote.of("AAPL", 189.20));
            assertThat(redis.command("XLEN", "staging:{AAPL}:ticks")).isEqualTo(":1");
            assertThat(redis.command("EXISTS", "tickwire:{AAPL}:ticks")).isEqualTo(":0");
        });
    }

    @Test
    void historyBacksOffWhenUserDefinesOneInRedisMode() {
        runner.withPropertyValues("tickwire.cluster.mode=redis", "spring.data.redis.port=" + redis.port())
                .withBean(TickHistory.class, () -> new InMemoryTickHistory(List.of("AAPL"), 5, () -> "mine"))
                .run((context) -> {
                    assertThat(context).getBean(TickHistory.class).isInstanceOf(InMemoryTickHistory.class);
                    assertThat(context).doesNotHaveBean(ClusterFanOut.class).doesNotHaveBean(FeedLeadership.class);
                });
    }

    @Test
    void unknownModeFailsStartup() {
        runner.withPropertyValues("tickwire.cluster.mode=gossip").run((context) -> assertThat(context).hasFailed());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
