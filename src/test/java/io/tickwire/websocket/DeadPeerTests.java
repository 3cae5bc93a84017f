package io.tickwire.websocket;

import io.tickwire.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL",
        "tickwire.feed.ticks-per-second=10",
        "tickwire.websocket.heartbeat=300ms"})
class DeadPeerTests {

    private static final Duration TWO_INTERVALS_AND_A_SWEEP = Duration.ofMillis(2 * 300 + 75 + 250);

    @LocalServerPort
    int port;

    @Autowired
    SessionRegistry registry;

    @Test
    void clientThatAnswersNoPingIsClosedWithinTwoIntervals() throws Exception {
        try (TestClient healthy = TestClient.connect(port); RawWebSocket silent = RawWebSocket.connect(port)) {
            String id = silent.next("welcome").path("session").stringValue();
            long opened = System.nanoTime();
            RawWebSocket.Frame ping = silent.nextFrame(Duration.ofSeconds(5));
            while (ping.opcode() != RawWebSocket.PING) {
                ping = silent.nextFrame(Duration.ofSeconds(5));
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(id).isEmpty());

            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(TWO_INTERVALS_AND_A_SWEEP.plusSeconds(1));
            assertThat(silent.awaitClose()).isIn(1001, RawWebSocket.NO_CLOSE_FRAME);
            assertThat(healthy.session().isOpen()).isTrue();
        }
    }

    @Test
    void frameAnnouncedAndNeverFinishedDoesNotHoldTheConnection() throws Exception {
        try (RawWebSocket stuck = RawWebSocket.connect(port)) {
            String id = stuck.next("welcome").path("session").stringValue();

            stuck.sendUnfinishedFrame(RawWebSocket.TEXT, 10_000, "{\"type\":\"p".getBytes());

            await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(id).isEmpty());
            assertThat(stuck.awaitClose()).isIn(1001, RawWebSocket.NO_CLOSE_FRAME);
        }
    }

    @Test
    void clientThatAnswersPingsStaysConnected() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            String id = client.next("welcome").path("session").stringValue();
            for (int beat = 0; beat < 6; beat++) {
                client.next("heartbeat");
            }

            assertThat(registry.find(id)).isPresent();
            assertThat(client.session().isOpen()).isTrue();
        }
    }
}
