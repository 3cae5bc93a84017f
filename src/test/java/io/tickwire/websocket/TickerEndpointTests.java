package io.tickwire.websocket;

import io.tickwire.history.TickHistory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL,MSFT,GOOGL",
        "tickwire.feed.ticks-per-second=20",
        "tickwire.node.name=node-test"})
class TickerEndpointTests {

    @LocalServerPort
    int port;

    @Autowired
    TickHistory history;

    @Test
    void welcomeIsTheFirstMessageAndTheSubprotocolIsSelected() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            JsonNode welcome = client.next();

            assertThat(welcome.path("type").stringValue()).isEqualTo("welcome");
            assertThat(welcome.path("protocol").intValue()).isEqualTo(1);
            assertThat(welcome.path("node").stringValue()).isEqualTo("node-test");
            assertThat(welcome.path("session").stringValue()).isNotEmpty();
            assertThat(welcome.path("heartbeatMs").longValue()).isEqualTo(15_000);
            assertThat(welcome.path("limits").path("maxSubscriptions").intValue()).isEqualTo(200);
            assertThat(welcome.path("limits").path("maxMessageBytes").intValue()).isEqualTo(16_384);
            assertThat(welcome.path("limits").path("maxMessagesPerSecond").intValue()).isEqualTo(20);
            assertThat(client.session().getAcceptedProtocol()).isEqualTo("tickwire.v1.json");
        }
    }

    @Test
    void subscribeIsAnsweredThenTicksFollowWithSeqRisingByOne() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.next("welcome");
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\"]}");

            JsonNode subscribed = client.next();
            assertThat(subscribed.path("type").stringValue()).isEqualTo("subscribed");
            assertThat(subscribed.path("id").intValue()).isEqualTo(1);
            JsonNode entry = subscribed.path("subscriptions").get(0);
            assertThat(entry.path("symbol").stringValue()).isEqualTo("AAPL");
            assertThat(entry.path("epoch").stringValue()).isEqualTo(history.resume("AAPL", null).epoch());
            assertThat(entry.path("recovered").booleanValue()).isFalse();
            long answeredSeq = entry.path("seq").longValue();
            if (answeredSeq > 0) {
                assertThat(entry.path("snapshot").path("seq").longValue()).isEqualTo(answeredSeq);
            }

            List<JsonNode> ticks = client.ticks("AAPL", 10);
            assertThat(seqs(ticks)).containsExactlyElementsOf(range(answeredSeq + 1, 10));
            assertThat(ticks).allSatisfy(tick -> {
                assertThat(tick.path("price").doubleValue()).isPositive();
                assertThat(tick.path("ts").longValue()).isPositive();
                assertThat(tick.has("skipped")).isFalse();
            });
        }
    }

    @Test
    void twoClientsGetOnlyTheirOwnSymbols() throws Exception {
        try (TestClient apple = TestClient.connect(port); TestClient microsoft = TestClient.connect(port)) {
            apple.send("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
            microsoft.send("{\"type\":\"subscribe\",\"symbols\":[\"MSFT\"]}");
            apple.next("subscribed");
            microsoft.next("subscribed");

            assertThat(apple.anyTicks(10)).allMatch(tick -> tick.path("symbol").stringValue().equals("AAPL"));
            assertThat(microsoft.anyTicks(10)).allMatch(tick -> tick.path("symbol").stringValue().equals("MSFT"));
        }
    }

    @Test
    void unsubscribeStopsTheSymbol() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\",\"MSFT\"]}");
            client.next("subscribed");
            client.send("{\"type\":\"unsubscribe\",\"id\":\"u1\",\"symbols\":[\"MSFT\"]}");

            JsonNode unsubscribed = client.next("unsubscribed");
            assertThat(unsubscribed.path("id").stringValue()).isEqualTo("u1");
            assertThat(unsubscribed.path("symbols").get(0).stringValue()).isEqualTo("MSFT");
            assertThat(client.anyTicks(10)).allMatch(tick -> tick.path("symbol").stringValue().equals("AAPL"));
        }
    }

    @Test
    void malformedJsonIsAnsweredAndTheConnectionKeepsWorking() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.next("welcome");
            client.send("{\"type\":\"subscribe\",");

            JsonNode error = client.next();
            assertThat(error.path("type").stringValue()).isEqualTo("error");
            assertThat(error.path("code").stringValue()).isEqualTo("BAD_JSON");

            client.send("{\"type\":\"ping\",\"id\":3,\"ts\":1763760000123}");
            JsonNode pong = client.next("pong");
            assertThat(pong.path("id").intValue()).isEqualTo(3);
            assertThat(pong.path("ts").longValue()).isEqualTo(1763760000123L);
            assertThat(pong.path("serverTs").longValue()).isPositive();
        }
    }

    @Test
    void badRequestsGetTheirErrorCodes() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.next("welcome");
            client.send("{\"type\":\"dance\",\"id\":7}");
            JsonNode unknownType = client.next("error");
            assertThat(unknownType.path("code").stringValue()).isEqualTo("UNKNOWN_TYPE");
            assertThat(unknownType.path("id").intValue()).isEqualTo(7);

            client.send("{\"type\":\"subscribe\",\"id\":8,\"symbols\":\"AAPL\"}");
            JsonNode badRequest = client.next("error");
            assertThat(badRequest.path("code").stringValue()).isEqualTo("BAD_REQUEST");
            assertThat(badRequest.path("id").intValue()).isEqualTo(8);
        }
    }

    @Test
    void unknownSymbolIsRejectedWhileTheOthersAreAccepted() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\",\"NOPE\",\"bad symbol\"]}");

            JsonNode subscribed = client.next("subscribed");
            assertThat(subscribed.path("subscriptions")).hasSize(1);
            assertThat(subscribed.path("rejected")).hasSize(2);
            assertThat(subscribed.path("rejected").get(0).path("symbol").stringValue()).isEqualTo("NOPE");
            assertThat(subscribed.path("rejected").get(0).path("code").stringValue()).isEqualTo("UNKNOWN_SYMBOL");
            assertThat(subscribed.path("rejected").get(1).path("code").stringValue()).isEqualTo("UNKNOWN_SYMBOL");
        }
    }

    @Test
    void resumeAfterDisconnectReplaysExactlyTheMissedTicks() throws Exception {
        String epoch;
        long lastSeen;
        try (TestClient first = TestClient.connect(port)) {
            first.send("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
            epoch = first.next("subscribed").path("subscriptions").get(0).path("epoch").stringValue();
            List<JsonNode> ticks = first.ticks("AAPL", 3);
            lastSeen = ticks.get(2).path("seq").longValue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> history.latest("AAPL").orElseThrow().seq() >= lastSeen + 5);

        try (TestClient second = TestClient.connect(port)) {
            second.send("{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"AAPL\"],\"resume\":{\"AAPL\":{\"epoch\":\"" + epoch + "\",\"seq\":" + lastSeen + "}}}");

            JsonNode entry = second.next("subscribed").path("subscriptions").get(0);
            assertThat(entry.path("recovered").booleanValue()).isTrue();
            assertThat(entry.has("snapshot")).isFalse();
            long answeredSeq = entry.path("seq").longValue();
            assertThat(answeredSeq).isGreaterThanOrEqualTo(lastSeen + 5);
            List<JsonNode> replay = new ArrayList<>();
            entry.path("replay").forEach(replay::add);
            assertThat(seqs(replay)).containsExactlyElementsOf(range(lastSeen + 1, (int) (answeredSeq - lastSeen)));
            assertThat(seqs(second.ticks("AAPL", 5))).containsExactlyElementsOf(range(answeredSeq + 1, 5));
        }
    }

    @Test
    void resumeFromAnotherEpochGetsASnapshot() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"symbols\":[\"MSFT\"],\"resume\":{\"MSFT\":{\"epoch\":\"gone\",\"seq\":1}}}");

            JsonNode entry = client.next("subscribed").path("subscriptions").get(0);
            assertThat(entry.path("recovered").booleanValue()).isFalse();
            assertThat(entry.has("replay")).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> history.latest("MSFT").isPresent());
        }
    }

    @Test
    void maxRateIsHonouredAndEveryLeftOutTickIsCountedAsSkipped() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"symbols\":[\"GOOGL\"],\"maxRate\":4}");
            long seq = client.next("subscribed").path("subscriptions").get(0).path("seq").longValue();

            List<JsonNode> ticks = client.ticks("GOOGL", 8);

            long skipped = 0;
            for (JsonNode tick : ticks) {
                long jump = tick.path("seq").longValue() - seq;
                assertThat(jump - 1).as("skipped of %s", tick).isEqualTo(tick.path("skipped").asLong(0));
                skipped += jump - 1;
                seq = tick.path("seq").longValue();
            }
            assertThat(skipped).as("a 20/s symbol at 4/s leaves most ticks out").isGreaterThan(8);
            long span = ticks.get(7).path("ts").longValue() - ticks.get(0).path("ts").longValue();
            assertThat(span).as("8 ticks at 4/s take at least 7 intervals").isGreaterThanOrEqualTo(7 * 250 - 100);
            assertThat(client.sequenceViolations()).isEmpty();
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedByTheParserAndTheConnectionStays() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.next("welcome");
            client.send("{\"type\":\"ping\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");

            JsonNode error = client.next("error");
            assertThat(error.path("code").stringValue()).isEqualTo("BAD_JSON");

            client.send("{\"type\":\"ping\",\"id\":1}");
            assertThat(client.next("pong").path("id").intValue()).isEqualTo(1);
        }
    }

    @Test
    void foreignOriginIsRefusedBeforeTheUpgrade() throws Exception {
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", "https://evil.example")).isEqualTo(403);
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", "http://127.0.0.1:" + port)).isEqualTo(101);
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(101);
    }

    static List<Long> seqs(List<JsonNode> ticks) {
        return ticks.stream().map(tick -> tick.path("seq").longValue()).toList();
    }

    static List<Long> range(long first, int count) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = first; seq < first + count; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }
}
