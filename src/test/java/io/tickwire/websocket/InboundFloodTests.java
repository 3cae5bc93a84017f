package io.tickwire.websocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL,MSFT",
        "tickwire.feed.ticks-per-second=20",
        "tickwire.limits.messages-per-second=5",
        "tickwire.limits.message-burst=5"})
class InboundFloodTests {

    @LocalServerPort
    int port;

    @Test
    void floodIsAnsweredRateLimitedThenClosedWith4008WhileOthersAreServed() throws Exception {
        try (TestClient healthy = TestClient.connect(port); RawWebSocket flooder = RawWebSocket.connect(port)) {
            healthy.send("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
            long seq = healthy.next("subscribed").path("subscriptions").get(0).path("seq").longValue();
            flooder.next("welcome");

            for (int i = 0; i < 50; i++) {
                flooder.sendText("{\"type\":\"ping\",\"id\":" + i + "}");
            }

            List<JsonNode> answers = new ArrayList<>();
            int closeCode = readUntilClose(flooder, answers);
            assertThat(answers).filteredOn(m -> m.path("type").stringValue().equals("pong")).hasSize(5);
            List<JsonNode> errors = answers.stream().filter(m -> m.path("type").stringValue().equals("error")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).path("code").stringValue()).isEqualTo("RATE_LIMITED");
            assertThat(closeCode).isEqualTo(4008);

            for (JsonNode tick : healthy.ticks("AAPL", 10)) {
                assertThat(tick.path("seq").longValue()).isEqualTo(++seq);
            }
        }
    }

    @Test
    void clientWithinTheRateIsNeverLimited() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.next("welcome");
            for (int i = 0; i < 5; i++) {
                client.send("{\"type\":\"ping\",\"id\":" + i + "}");
                assertThat(client.next("pong").path("id").intValue()).isEqualTo(i);
            }
            assertThat(client.drain()).noneMatch(m -> m.path("type").stringValue().equals("error"));
        }
    }

    private static int readUntilClose(RawWebSocket socket, List<JsonNode> messages) throws Exception {
        while (true) {
            RawWebSocket.Frame frame = socket.nextFrame(java.time.Duration.ofSeconds(10));
            if (frame.opcode() == RawWebSocket.CLOSE) {
                return frame.closeCode();
            }
            if (frame.opcode() == RawWebSocket.TEXT) {
                JsonNode message = TestClient.JSON.readTree(frame.text());
                if ("batch".equals(message.path("type").stringValue())) {
                    message.path("items").forEach(messages::add);
                } else {
                    messages.add(message);
                }
            }
        }
    }
}
