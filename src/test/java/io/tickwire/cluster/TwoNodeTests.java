package io.tickwire.cluster;

import io.tickwire.support.QuietApplication;
import io.tickwire.market.Tick;
import io.tickwire.support.RedisServer;
import io.tickwire.support.SignIn;
import io.tickwire.websocket.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.tickwire.cluster.Subscribing.replayed;
import static io.tickwire.cluster.Subscribing.resume;
import static io.tickwire.cluster.Subscribing.seqs;
import static io.tickwire.cluster.Subscribing.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes sharing one Redis behave as one server for any client, whichever node it lands on. */
class TwoNodeTests {

    private static RedisServer redis;

    private static ClusterNode nodeA;

    private static ClusterNode nodeB;

    @BeforeAll
    static void startNodes() {
        redis = RedisServer.start();
        // with the test users, so that the feed user may publish over HTTP
        nodeA = ClusterNode.start("a", redis, QuietApplication.Feed.class, "spring.profiles.active=users");
        nodeB = ClusterNode.start("b", redis, QuietApplication.Feed.class, "spring.profiles.active=users");
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @BeforeEach
    void warmUp() {
        // one tick through each node, so that each test starts from where the symbol stands
        nodeA.publish("AAPL", 189);
    }

    @Test
    void aClientOnOneNodeReceivesTicksPublishedOnTheOtherInOrderOnce() throws Exception {
        try (TestClient onA = TestClient.connect(nodeA.port()); TestClient onB = TestClient.connect(nodeB.port())) {
            long fromA = subscribe(onA, "AAPL").path("seq").asLong();
            long fromB = subscribe(onB, "AAPL").path("seq").asLong();
            List<Long> published = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                published.add(nodeB.publish("AAPL", 190 + i / 100.0).seq());
            }

            assertThat(seqs(onA.ticks("AAPL", (int) (published.get(49) - fromA)))).endsWith(published.toArray(Long[]::new));
            assertThat(seqs(onB.ticks("AAPL", (int) (published.get(49) - fromB)))).endsWith(published.toArray(Long[]::new));
            nodeA.publish("AAPL", 191);
            assertThat(onA.next("tick").path("price").asDouble()).isEqualTo(191);
            assertThat(onA.sequenceViolations()).isEmpty();
            assertThat(onB.sequenceViolations()).isEmpty();
        }
    }

    @Test
    void ticksPublishedOnBothNodesAtOnceEnterOneSequence() throws Exception {
        try (TestClient client = TestClient.connect(nodeA.port())) {
            long from = subscribe(client, "MSFT").path("seq").asLong();
            CompletableFuture<List<Tick>> onA = CompletableFuture.supplyAsync(() -> publishMany(nodeA, 200));
            CompletableFuture<List<Tick>> onB = CompletableFuture.supplyAsync(() -> publishMany(nodeB, 200));
            List<Long> seqs = new ArrayList<>();
            onA.get().forEach(tick -> seqs.add(tick.seq()));
            onB.get().forEach(tick -> seqs.add(tick.seq()));

            assertThat(seqs).doesNotHaveDuplicates().hasSize(400);
            assertThat(seqs(client.ticks("MSFT", 400))).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(from + 1, from + 400).boxed().toList());
            assertThat(client.sequenceViolations()).isEmpty();
        }
    }

    @Test
    void ticksPostedToTheApiOfEitherNodeEnterTheSameSequence() throws Exception {
        try (TestClient onA = TestClient.connect(nodeA.port())) {
            long from = subscribe(onA, "AAPL").path("seq").asLong();
            assertThat(post(nodeB, "[{\"symbol\":\"AAPL\",\"price\":195.5}]")).isEqualTo(200);
            nodeA.publish("AAPL", 195.6);
            assertThat(post(nodeA, "[{\"symbol\":\"AAPL\",\"price\":195.7}]")).isEqualTo(200);

            List<JsonNode> ticks = onA.ticks("AAPL", 3);
            assertThat(ticks).extracting(tick -> tick.path("price").asDouble()).containsExactly(195.5, 195.6, 195.7);
            assertThat(seqs(ticks)).containsExactly(from + 1, from + 2, from + 3);
        }
    }

    @Test
    void aClientThatLosesOneNodeResumesOnTheOtherWithExactlyTheTicksItMissed() throws Exception {
        String epoch;
        long last;
        try (TestClient onA = TestClient.connect(nodeA.port())) {
            JsonNode entry = subscribe(onA, "AAPL");
            epoch = entry.path("epoch").stringValue();
            nodeA.publish("AAPL", 192);
            last = onA.next("tick").path("seq").asLong();
        }
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            missed.add(nodeA.publish("AAPL", 193 + i).seq());
        }

        try (TestClient onB = TestClient.connect(nodeB.port())) {
            JsonNode resumed = resume(onB, "AAPL", epoch, last);

            assertThat(resumed.path("recovered").asBoolean()).isTrue();
            assertThat(resumed.path("epoch").stringValue()).isEqualTo(epoch);
            assertThat(replayed(resumed)).containsExactlyElementsOf(missed);
            long next = nodeB.publish("AAPL", 200).seq();
            assertThat(onB.next("tick").path("seq").asLong()).isEqualTo(next).isEqualTo(missed.get(6) + 1);
        }
    }

    private static int post(ClusterNode node, String quotes) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/api/ticks"))
                .header("Authorization", SignIn.basic("feed", "feed-secret")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(quotes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<Tick> publishMany(ClusterNode node, int count) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ticks.add(node.publish("MSFT", 410 + i / 100.0));
        }
        return ticks;
    }
}
