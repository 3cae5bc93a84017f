package io.tickwire.cluster;

import io.tickwire.support.QuietApplication;
import io.tickwire.support.Nginx;
import io.tickwire.support.RedisServer;
import io.tickwire.websocket.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tickwire.cluster.Subscribing.replayed;
import static io.tickwire.cluster.Subscribing.resume;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes behind nginx running {@code deploy/nginx.conf}, the setup the README documents: a client that goes
 * through it sees one server, even when the node it was on goes away.
 */
class LoadBalancedNodesTests {

    private final RedisServer redis = RedisServer.start();

    private final ClusterNode nodeA = ClusterNode.start("a", redis, QuietApplication.Feed.class);

    private final ClusterNode nodeB = ClusterNode.start("b", redis, QuietApplication.Feed.class);

    private final Nginx nginx = Nginx.start(Path.of("deploy/nginx.conf"), Map.of(
            "127.0.0.1:8081", "127.0.0.1:" + nodeA.port(), "127.0.0.1:8082", "127.0.0.1:" + nodeB.port()));

    @AfterEach
    void stop() {
        nginx.close();
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void aClientThroughTheBalancerResumesExactlyOnTheOtherNodeWhenItsNodeGoesAway() throws Exception {
        nodeA.publish("AAPL", 189);
        String epoch;
        long last;
        ClusterNode survivor;
        try (TestClient client = TestClient.connect(nginx.port())) {
            JsonNode welcome = client.next("welcome");
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\"]}");
            epoch = client.next("subscribed").path("subscriptions").get(0).path("epoch").stringValue();
            nodeA.publish("AAPL", 190);
            nodeB.publish("AAPL", 191);
            List<JsonNode> ticks = client.ticks("AAPL", 2);
            assertThat(ticks).extracting(tick -> tick.path("price").asDouble()).containsExactly(190.0, 191.0);
            last = ticks.get(1).path("seq").asLong();

            ClusterNode lost = "a".equals(welcome.path("node").stringValue()) ? nodeA : nodeB;
            survivor = lost == nodeA ? nodeB : nodeA;
            lost.close();
            // told of the planned restart (Tomcat's client reports the 1012 that follows as 1002)
            assertThat(client.next("shutdown").path("reconnectAfterMs").asLong()).isNotNegative();
            client.awaitClose();
        }
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            missed.add(survivor.publish("AAPL", 192 + i).seq());
        }

        try (TestClient client = TestClient.connect(nginx.port())) {
            JsonNode resumed = resume(client, "AAPL", epoch, last);
            assertThat(resumed.path("recovered").asBoolean()).isTrue();
            assertThat(replayed(resumed)).containsExactlyElementsOf(missed);
        }
    }
}
