package io.tickwire.cluster;

import io.tickwire.support.QuietApplication;
import io.tickwire.history.HistoryUnavailableException;
import io.tickwire.support.RedisServer;
import io.tickwire.websocket.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.tickwire.cluster.Subscribing.replayed;
import static io.tickwire.cluster.Subscribing.resume;
import static io.tickwire.cluster.Subscribing.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What two nodes do when Redis stops, stalls, restarts empty or drops a node's subscription: they keep their
 * clients and accept new ones, and once Redis is back the ticks flow again and every resume is either exact or
 * says it is not.
 */
class RedisOutageTests {

    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private final RedisServer redis = RedisServer.start();

    private ClusterNode nodeA;

    private ClusterNode nodeB;

    @BeforeEach
    void startNodes() {
        nodeA = ClusterNode.start("a", redis, QuietApplication.Feed.class);
        nodeB = ClusterNode.start("b", redis, QuietApplication.Feed.class);
        nodeA.publish("AAPL", 189);
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void nodesKeepServingWhileRedisIsDownAndResumesAcrossAnEmptyRestartSayTheyAreNotComplete() throws Exception {
        try (TestClient onA = TestClient.connect(nodeA.port()); TestClient onB = TestClient.connect(nodeB.port())) {
            JsonNode before = subscribe(onA, "AAPL");
            subscribe(onB, "AAPL");
            long last = nodeB.publish("AAPL", 190).seq();
            assertThat(onA.next("tick").path("seq").asLong()).isEqualTo(last);
            onB.next("tick");

            redis.stop();

            assertThatExceptionOfType(HistoryUnavailableException.class).isThrownBy(() -> nodeA.publish("AAPL", 191));
            assertAnswersPing(onA);
            assertAnswersPing(onB);
            try (TestClient newcomer = TestClient.connect(nodeB.port())) {
                JsonNode entry = resume(newcomer, "AAPL", before.path("epoch").stringValue(), 0);
                assertThat(entry.path("recovered").asBoolean()).as("no replay without Redis").isFalse();
                assertThat(entry.path("seq").asLong()).isEqualTo(last);
                assertThat(entry.path("snapshot").path("price").asDouble()).isEqualTo(190);
            }
            assertThat(get(nodeA, "/api/symbols/AAPL/ticks?limit=5")).isEqualTo(503);
            assertThat(get(nodeA, "/api/symbols")).isEqualTo(200);

            redis.restart();

            long first = await().atMost(PROMPTLY).ignoreExceptions().until(() -> nodeA.publish("AAPL", 192).seq(),
                    seq -> true);
            assertThat(first).as("a new history").isEqualTo(1);
            assertThat(onA.awaitClose().getCode()).isEqualTo(CloseStatus.SERVER_ERROR.getCode());
            assertThat(onB.awaitClose().getCode()).isEqualTo(CloseStatus.SERVER_ERROR.getCode());
            try (TestClient resuming = TestClient.connect(nodeB.port())) {
                JsonNode entry = resume(resuming, "AAPL", before.path("epoch").stringValue(), last);
                assertThat(entry.path("recovered").asBoolean()).isFalse();
                assertThat(entry.path("epoch").stringValue()).isNotEqualTo(before.path("epoch").stringValue());
                assertThat(entry.path("snapshot").path("seq").asLong()).isEqualTo(1);
                long next = nodeA.publish("AAPL", 193).seq();
                assertThat(resuming.next("tick").path("seq").asLong()).isEqualTo(next).isEqualTo(2);
            }
        }
    }

    @Test
    void aStalledRedisHoldsUpNoHandshakeAndAResumeAfterwardsIsExact() throws Exception {
        try (TestClient onA = TestClient.connect(nodeA.port())) {
            JsonNode entry = subscribe(onA, "AAPL");
            String epoch = entry.path("epoch").stringValue();
            long last = entry.path("seq").asLong();

            redis.pause();

            assertThatExceptionOfType(HistoryUnavailableException.class).isThrownBy(() -> nodeB.publish("AAPL", 191));
            // neither the handshake nor a subscribe waits for Redis beyond its timeout: both are answered while it
            // answers nothing at all
            try (TestClient newcomer = TestClient.connect(nodeA.port())) {
                newcomer.next("welcome");
                newcomer.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\",\"MSFT\"]}");
                assertThat(newcomer.next("subscribed").path("subscriptions").valueStream()
                        .map(each -> each.path("recovered").asBoolean())).containsExactly(false, false);
            }
            assertAnswersPing(onA);

            redis.resume();

            // the append that timed out may still be carried out once Redis goes on: it is then a tick like any other
            await().atMost(PROMPTLY).ignoreExceptions().until(() -> nodeB.publish("AAPL", 192).seq(), seq -> true);
            long latest = nodeB.publish("AAPL", 193).seq();
            List<Long> received = new ArrayList<>();
            while (received.isEmpty() || received.get(received.size() - 1) < latest) {
                received.add(onA.next("tick").path("seq").asLong());
            }
            assertThat(received.get(0)).isEqualTo(last + 1);
            assertThat(onA.sequenceViolations()).isEmpty();
            // a node may answer from what it knows for a moment after a failed call; never with a partial replay
            JsonNode resumed = await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(300)).until(() -> {
                try (TestClient resuming = TestClient.connect(nodeA.port())) {
                    return resume(resuming, "AAPL", epoch, last);
                }
            }, answer -> answer.path("recovered").asBoolean());
            assertThat(replayed(resumed)).containsExactlyElementsOf(received);
        }
    }

    @Test
    void ticksMissedWhileANodesSubscriptionWasCutAreFilledInFromTheStream() throws Exception {
        try (TestClient onA = TestClient.connect(nodeA.port())) {
            long from = subscribe(onA, "AAPL").path("seq").asLong();
            for (int i = 0; i < 100; i++) {
                if (i == 30) {
                    redis.command("CLIENT", "KILL", "TYPE", "pubsub");
                }
                nodeB.publish("AAPL", 190 + i / 100.0);
            }
            // the node hears of its loss from the next tick it gets
            await().atMost(PROMPTLY).untilAsserted(() -> {
                nodeB.publish("AAPL", 191);
                assertThat(onA.ticksReceived()).isGreaterThanOrEqualTo(101);
            });
            assertThat(onA.ticks("AAPL", 101)).extracting(tick -> tick.path("seq").asLong())
                    .startsWith(from + 1, from + 2).contains(from + 31, from + 32, from + 100, from + 101);
            assertThat(onA.sequenceViolations()).isEmpty();
        }
    }

    @Test
    void theLastTickOfAQuietSymbolMissedWhileTheSubscriptionWasCutStillArrives() throws Exception {
        try (TestClient onA = TestClient.connect(nodeA.port())) {
            long from = subscribe(onA, "AAPL").path("seq").asLong();
            redis.command("CLIENT", "KILL", "TYPE", "pubsub");
            long last = nodeB.publish("AAPL", 190).seq();

            // heard, or caught up with: no later tick comes to reveal it
            assertThat(onA.next("tick").path("seq").asLong()).isEqualTo(last).isEqualTo(from + 1);
        }
    }

    @Test
    void aSubscriptionThatHearsNothingWhileConnectedIsMadeAgain() throws Exception {
        try (TestClient onA = TestClient.connect(nodeA.port())) {
            long from = subscribe(onA, "AAPL").path("seq").asLong();
            nodeA.bean(FanOutSubscription.class).silenceForTest();
            long missed = nodeB.publish("AAPL", 190).seq();

            await().atMost(PROMPTLY).until(() -> !nodeA.bean(FanOutSubscription.class).isListening());
            await().atMost(PROMPTLY).until(() -> nodeA.bean(FanOutSubscription.class).isListening());
            long next = nodeB.publish("AAPL", 191).seq();

            assertThat(onA.ticks("AAPL", 2)).extracting(tick -> tick.path("seq").asLong())
                    .containsExactly(missed, next).startsWith(from + 1);
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownServesAndJoinsOnceItIsBack() throws Exception {
        redis.stop();
        try (ClusterNode nodeC = ClusterNode.start("c", redis, QuietApplication.Feed.class);
                TestClient onC = TestClient.connect(nodeC.port())) {
            JsonNode entry = subscribe(onC, "AAPL");
            assertThat(entry.path("recovered").asBoolean()).isFalse();

            redis.restart();
            await().atMost(PROMPTLY).until(() -> nodeC.bean(FanOutSubscription.class).isListening());

            long seq = await().atMost(PROMPTLY).ignoreExceptions().until(() -> nodeA.publish("AAPL", 190).seq(),
                    published -> true);
            assertThat(onC.next("tick").path("seq").asLong()).isEqualTo(seq);
        }
    }

    private static void assertAnswersPing(TestClient client) throws Exception {
        client.send("{\"type\":\"ping\",\"id\":9,\"ts\":1}");
        assertThat(client.next("pong").path("id").asInt()).isEqualTo(9);
    }

    private static int get(ClusterNode node, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
