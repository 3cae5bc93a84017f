package io.tickwire.websocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickwire.session.ClientSession;
import io.tickwire.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL,MSFT,GOOGL,AMZN,NVDA",
        "tickwire.feed.ticks-per-second=40",
        "tickwire.limits.send-timeout=2s",
        "tickwire.limits.max-queued-messages=16",
        // many sockets from one address within seconds
        "tickwire.limits.handshakes-per-second-per-address=10000",
        "tickwire.limits.handshake-burst-per-address=10000"})
class SlowConsumerTests {

    private static final String ALL = "{\"type\":\"subscribe\",\"symbols\":[\"AAPL\",\"MSFT\",\"GOOGL\",\"AMZN\",\"NVDA\"]}";
    private static final int HEALTHY_CLIENTS = 100;

    @LocalServerPort
    int port;

    @Autowired
    SessionRegistry registry;

    @Autowired
    MeterRegistry meters;

    @Test
    void slowClientIsConflatedThenClosedWithoutDelayingOthers() throws Exception {
        List<TestClient> healthy = new ArrayList<>();
        try {
            for (int i = 0; i < HEALTHY_CLIENTS; i++) {
                TestClient client = TestClient.connect(port);
                client.stopQueueingTicks();
                client.send(ALL);
                healthy.add(client);
            }
            awaitTicks(healthy, 200);
            healthy.forEach(TestClient::takeTickDelays);
            awaitTicks(healthy, 600);
            long p99Before = p99(healthy);

            double conflatedBefore = meters.get("tickwire.ticks.conflated").tag("cause", "backlog").counter().count();
            double slowClosesBefore = meters.get("tickwire.sessions.closed").tag("code", "4009").counter().count();
            try (RawWebSocket slow = RawWebSocket.to(port).receiveBufferSize(2048).connect()) {
                String id = slow.next("welcome").path("session").stringValue();
                slow.sendText(ALL);
                slow.next("subscribed");
                // from here on the slow client reads nothing

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> registry.find(id).map(ClientSession::conflated).orElse(0L) > 0);
                await().atMost(Duration.ofSeconds(10)).until(() -> registry.find(id).isEmpty());
                long p99During = p99(healthy);

                assertThat(slow.awaitClose(Duration.ofSeconds(10))).isEqualTo(4009);
                // what an operator sees of it: the slow client's conflated ticks, and its close by code
                assertThat(meters.get("tickwire.ticks.conflated").tag("cause", "backlog").counter().count())
                        .isGreaterThan(conflatedBefore);
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> meters.get("tickwire.sessions.closed").tag("code", "4009").counter().count() == slowClosesBefore + 1);
                System.out.printf("Healthy clients' tick delay p99: %d ms without a slow client, %d ms with one%n", p99Before, p99During);
                // a slow client that held a writer, a lock or a container thread would add its whole send timeout
                // (2 s here); the margin only absorbs a busy machine's noise
                assertThat(p99During).isLessThanOrEqualTo(p99Before + 250);
            }

            assertThat(healthy).allSatisfy(client -> {
                assertThat(client.sequenceViolations()).isEmpty();
                assertThat(client.session().isOpen()).isTrue();
            });
        } finally {
            for (TestClient client : healthy) {
                client.close();
            }
        }
    }

    private static void awaitTicks(List<TestClient> clients, long each) {
        await().atMost(Duration.ofSeconds(30)).until(() -> clients.stream().allMatch(c -> c.ticksReceived() >= each));
    }

    private static long p99(List<TestClient> clients) {
        List<Long> delays = new ArrayList<>();
        clients.forEach(client -> delays.addAll(client.takeTickDelays()));
        assertThat(delays).isNotEmpty();
        delays.sort(null);
        return delays.get((int) Math.ceil(delays.size() * 0.99) - 1);
    }

    /** Small socket buffers, so that a client that stops reading pushes back after a few KiB, not megabytes. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SmallSocketBuffers {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> smallSendBuffers() {
            return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("socket.txBufSize", "8192"));
        }
    }
}
