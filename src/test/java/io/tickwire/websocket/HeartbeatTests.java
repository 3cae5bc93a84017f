package io.tickwire.websocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL,MSFT",
        "tickwire.feed.ticks-per-second=10",
        "tickwire.websocket.heartbeat=300ms"})
class HeartbeatTests {

    @LocalServerPort
    int port;

    @Test
    void heartbeatCarriesTheLatestSeqTheClientWasGivenOfEachSymbol() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            assertThat(client.next("welcome").path("heartbeatMs").longValue()).isEqualTo(300);
            client.send("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
            long lastSeen = client.next("subscribed").path("subscriptions").get(0).path("seq").longValue();

            JsonNode heartbeat = null;
            while (heartbeat == null) {
                JsonNode message = client.next();
                String type = message.path("type").stringValue();
                if ("tick".equals(type)) {
                    lastSeen = message.path("seq").longValue();
                } else if ("heartbeat".equals(type)) {
                    heartbeat = message;
                }
            }

            assertThat(heartbeat.path("ts").longValue()).isPositive();
            assertThat(heartbeat.path("seqs").properties()).hasSize(1);
            assertThat(heartbeat.path("seqs").path("AAPL").longValue()).isEqualTo(lastSeen);
        }
    }

    @Test
    void idleClientWithoutSubscriptionsStillGetsHeartbeats() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.next("welcome");
            JsonNode first = client.next("heartbeat");
            JsonNode second = client.next("heartbeat");

            assertThat(first.path("seqs").isEmpty()).isTrue();
            assertThat(second.path("ts").longValue() - first.path("ts").longValue()).isBetween(100L, 2_000L);
        }
    }
}
