package io.tickwire.cluster;

import io.tickwire.support.MutableClock;
import io.tickwire.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The feed's lease against a real Redis: one holder at a time, renewed, given up, and taken over when it lapses. */
class FeedLeaseTests {

    private static final String KEY = "tickwire:feed:lease";

    private final RedisServer redis = RedisServer.start();

    private final RedisNodes nodes = new RedisNodes(redis);

    private final MutableClock clock = MutableClock.atEpochSecond(1_000);

    @AfterEach
    void stop() {
        nodes.close();
        redis.close();
    }

    @Test
    void theFirstNodeTakesTheLeaseAndTheSecondWaits() {
        FeedLease a = lease("a", Duration.ofSeconds(30), clock);
        FeedLease b = lease("b", Duration.ofSeconds(30), clock);
        a.renew();
        b.renew();
        assertThat(a.leads("AAPL")).isTrue();
        assertThat(b.leads("AAPL")).isFalse();
        assertThat(redis.command("GET", KEY)).isEqualTo("a");
    }

    @Test
    void renewingKeepsTheLease() {
        FeedLease a = lease("a", Duration.ofSeconds(30), clock);
        a.renew();
        clock.advance(Duration.ofSeconds(20));
        a.renew();
        clock.advance(Duration.ofSeconds(20));
        assertThat(a.leads("AAPL")).isTrue();
    }

    @Test
    void aHolderThatCannotRenewStopsLeadingBeforeTheLeaseLapsesInRedis() {
        FeedLease a = lease("a", Duration.ofSeconds(30), clock);
        a.renew();
        redis.stop();
        a.renew();
        clock.advance(Duration.ofSeconds(23));
        assertThat(a.leads("AAPL")).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(a.leads("AAPL")).as("4/5 of the lease gone").isFalse();
    }

    @Test
    void anotherNodeTakesOverOnceTheHolderStopsRenewing() {
        FeedLease a = lease("a", Duration.ofMillis(300), Clock.systemUTC());
        FeedLease b = lease("b", Duration.ofMillis(300), Clock.systemUTC());
        a.renew();
        b.renew();
        assertThat(b.leads("AAPL")).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            b.renew();
            assertThat(b.leads("AAPL")).isTrue();
        });
        assertThat(redis.command("GET", KEY)).isEqualTo("b");
    }

    @Test
    void stoppingGivesTheLeaseUpAtOnce() {
        FeedLease a = lease("a", Duration.ofSeconds(30), clock);
        FeedLease b = lease("b", Duration.ofSeconds(30), clock);
        a.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> a.leads("AAPL"));
        a.stop();
        assertThat(a.leads("AAPL")).isFalse();
        b.renew();
        assertThat(b.leads("AAPL")).isTrue();
    }

    @Test
    void stoppingLeavesAnotherNodesLeaseAlone() {
        FeedLease a = lease("a", Duration.ofSeconds(30), clock);
        FeedLease b = lease("b", Duration.ofSeconds(30), clock);
        a.renew();
        b.start();
        b.stop();
        assertThat(redis.command("GET", KEY)).isEqualTo("a");
    }

    private FeedLease lease(String nodeId, Duration ttl, Clock clock) {
        return new FeedLease(nodes.template(), KEY, nodeId, ttl, clock);
    }
}
