package io.tickwire.cluster;

import io.tickwire.support.RedisServer;
import io.tickwire.websocket.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.tickwire.cluster.Subscribing.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a feed on every node, each tick is produced once: by the lease holder. When it stops or dies, another
 * node's feed takes over and the seq goes on where it was.
 */
class FeedTakeoverTests {

    private static final double A = 100;

    private static final double B = 200;

    private final RedisServer redis = RedisServer.start();

    private ClusterNode nodeA;

    private ClusterNode nodeB;

    private Process processA;

    @AfterEach
    void stop() {
        if (processA != null) {
            processA.destroyForcibly();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        redis.close();
    }

    @Test
    void onlyTheLeaseHolderProducesAndTheOtherTakesOverWhenItStops() throws Exception {
        nodeA = ClusterNode.start("a", redis, TaggedFeed.Configuration.class, "test.feed.tag=" + A);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.bean(FeedLease.class).leads("AAPL"));
        nodeB = ClusterNode.start("b", redis, TaggedFeed.Configuration.class, "test.feed.tag=" + B);
        try (TestClient onB = TestClient.connect(nodeB.port())) {
            subscribe(onB, "AAPL");
            List<JsonNode> whileALeads = onB.ticks("AAPL", 40);
            assertThat(whileALeads).allSatisfy(tick -> assertThat(TaggedFeed.producedBy(A, price(tick))).isTrue());
            assertThat(nodeB.bean(FeedLease.class).leads("AAPL")).isFalse();

            nodeA.close();

            JsonNode firstOfB = onB.next(tick -> "tick".equals(tick.path("type").stringValue())
                    && TaggedFeed.producedBy(B, price(tick)));
            assertThat(firstOfB).isNotNull();
            assertThat(onB.sequenceViolations()).as("seq goes on across the takeover").isEmpty();
        }
    }

    @Test
    void anotherNodeTakesOverWithinSecondsWhenTheProducerDies() throws Exception {
        processA = startProcess("a", A);
        await().atMost(Duration.ofSeconds(60)).failFast("node a exited", () -> !processA.isAlive())
                .until(() -> String.valueOf(redis.command("GET", "tickwire:feed:lease")).startsWith("a-"));
        nodeB = ClusterNode.start("b", redis, TaggedFeed.Configuration.class, "test.feed.tag=" + B);
        try (TestClient onB = TestClient.connect(nodeB.port())) {
            subscribe(onB, "AAPL");
            assertThat(onB.ticks("AAPL", 20)).allSatisfy(tick -> assertThat(TaggedFeed.producedBy(A, price(tick))).isTrue());

            processA.destroyForcibly().waitFor();

            long killedAt = System.nanoTime();
            JsonNode firstOfB = onB.next(tick -> "tick".equals(tick.path("type").stringValue())
                    && TaggedFeed.producedBy(B, price(tick)));
            assertThat(firstOfB).as("a tick of node b").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("takeover").isLessThan(Duration.ofSeconds(5));
            assertThat(onB.sequenceViolations()).as("seq goes on across the takeover").isEmpty();
        }
    }

    private Process startProcess(String name, double tag) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile("tickwire-node-" + name, ".log");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TaggedFeedNode.class.getName(),
                "--server.port=0", "--tickwire.node.name=" + name, "--tickwire.cluster.mode=redis",
                "--spring.data.redis.port=" + redis.port(), "--tickwire.cluster.lease-ttl=1s",
                "--test.feed.tag=" + tag, "--spring.main.banner-mode=off")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static double price(JsonNode tick) {
        return tick.path("price").asDouble();
    }
}
