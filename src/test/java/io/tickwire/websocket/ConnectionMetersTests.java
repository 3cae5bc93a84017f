package io.tickwire.websocket;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.tickwire.market.Quote;
import io.tickwire.market.TickPublisher;
import io.tickwire.session.SessionRegistry;
import io.tickwire.support.QuietApplication;
import io.tickwire.support.SignIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.WebSocketHttpHeaders;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every {@code tickwire.*} meter that a connection moves, moved by real clients over real sockets. The feed is quiet,
 * so each counter moves only for what the test did.
 */
@QuietApplication
class ConnectionMetersTests {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SessionRegistry registry;

    @Autowired
    TickPublisher publisher;

    @BeforeEach
    void startEmpty() {
        // connections of an earlier test close asynchronously and still count until they have
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.size() == 0);
    }

    @Test
    void openingAndClosingASessionMovesTheGaugeAndCountsItsCloseCode() throws Exception {
        double normalCloses = counter("tickwire.sessions.closed", "code", "1000");
        double droppedCloses = counter("tickwire.sessions.closed", "code", "1006");

        TestClient polite = TestClient.connect(port);
        RawWebSocket rude = RawWebSocket.connect(port);
        rude.next("welcome");
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("tickwire.sessions.open") == 2);
        polite.close();
        rude.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("tickwire.sessions.open") == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> counter("tickwire.sessions.closed", "code", "1006") == droppedCloses + 1);
        assertThat(counter("tickwire.sessions.closed", "code", "1000")).isEqualTo(normalCloses + 1);
    }

    @Test
    void subscriptionsAreCountedWhileTheyLast() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\",\"MSFT\"]}");
            client.next("subscribed");

            assertThat(gauge("tickwire.subscriptions")).isEqualTo(2);

            client.send("{\"type\":\"unsubscribe\",\"id\":2,\"symbols\":[\"MSFT\"]}");
            client.next("unsubscribed");

            assertThat(gauge("tickwire.subscriptions")).isEqualTo(1);
        }
    }

    @Test
    void aPublishedTickIsCountedAndItsFrameCountedSizedAndTimed() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\"]}");
            client.next("subscribed");
            double published = counter("tickwire.ticks.published");
            double messages = counter("tickwire.sent.messages");
            double bytes = counter("tickwire.sent.bytes");
            long frames = meters.get("tickwire.batch.size").summary().count();
            long timed = meters.get("tickwire.delivery.delay").timer().count();

            publisher.publish(Quote.of("AAPL", 189.25));
            client.next("tick");

            assertThat(counter("tickwire.ticks.published")).isEqualTo(published + 1);
            // a heartbeat may have left meanwhile, never fewer
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(counter("tickwire.sent.messages")).isGreaterThanOrEqualTo(messages + 1);
                assertThat(counter("tickwire.sent.bytes")).isGreaterThan(bytes);
                assertThat(meters.get("tickwire.batch.size").summary().count()).isGreaterThanOrEqualTo(frames + 1);
                assertThat(meters.get("tickwire.delivery.delay").timer().count()).isEqualTo(timed + 1);
            });
        }
    }

    @Test
    void ticksLeftOutUnderAClientsMaxRateAreCounted() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"MSFT\"],\"maxRate\":1}");
            client.next("subscribed");
            double conflated = counter("tickwire.ticks.conflated", "cause", "max_rate");

            for (int i = 0; i < 5; i++) {
                publisher.publish(Quote.of("MSFT", 400 + i));
            }
            client.next("tick");
            JsonNode paced = client.next("tick");

            assertThat(paced.path("skipped").longValue()).isEqualTo(3);
            assertThat(counter("tickwire.ticks.conflated", "cause", "max_rate")).isEqualTo(conflated + 3);
        }
    }

    @Test
    void resumesAreCountedByOutcome() throws Exception {
        publisher.publish(Quote.of("AAPL", 190));
        publisher.publish(Quote.of("AAPL", 191));
        double recovered = counter("tickwire.resumes", "outcome", "recovered");
        double notRecovered = counter("tickwire.resumes", "outcome", "not_recovered");
        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\"]}");
            JsonNode fresh = client.next("subscribed").path("subscriptions").get(0);
            String epoch = fresh.path("epoch").stringValue();
            long seq = fresh.path("seq").longValue();

            client.send("{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"AAPL\"],\"resume\":{\"AAPL\":{\"epoch\":\"" + epoch
                    + "\",\"seq\":" + (seq - 1) + "}}}");
            assertThat(client.next("subscribed").path("subscriptions").get(0).path("recovered").booleanValue()).isTrue();
            client.send("{\"type\":\"subscribe\",\"id\":3,\"symbols\":[\"AAPL\"],\"resume\":{\"AAPL\":{\"epoch\":\"gone\",\"seq\":1}}}");
            assertThat(client.next("subscribed").path("subscriptions").get(0).path("recovered").booleanValue()).isFalse();
        }

        // the fresh subscription asked for no resume and is in neither count
        assertThat(counter("tickwire.resumes", "outcome", "recovered")).isEqualTo(recovered + 1);
        assertThat(counter("tickwire.resumes", "outcome", "not_recovered")).isEqualTo(notRecovered + 1);
    }

    @Test
    void aForeignOriginIsCountedAsOrigin() throws Exception {
        double origin = counter("tickwire.handshakes.rejected", "reason", "origin");

        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", "https://evil.example.org")).isEqualTo(403);

        assertThat(counter("tickwire.handshakes.rejected", "reason", "origin")).isEqualTo(origin + 1);
    }

    @Test
    void aWrongLoginIsCountedAsAuth() throws Exception {
        double auth = counter("tickwire.handshakes.rejected", "reason", "auth");

        try (RawWebSocket refused = RawWebSocket.to(port).header("Authorization", SignIn.basic("bob", "guess")).connect()) {
            assertThat(refused.handshake().status()).isEqualTo(401);
        }

        // counted on the way back out of Spring Security, which may be a moment after the client has its answer
        await().atMost(Duration.ofSeconds(5)).until(() -> counter("tickwire.handshakes.rejected", "reason", "auth") == auth + 1);
    }

    @Test
    void anAddressOverItsBudgetIsCountedAsRate() throws Exception {
        double rate = counter("tickwire.handshakes.rejected", "reason", "rate");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest notAnUpgrade = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws/ticker"))
                .header("X-Forwarded-For", "203.0.113.40").build();
        int tooMany = 0;
        // a request that is no upgrade opens nothing and spends the budget all the same, until it is gone
        for (int i = 0; i < 100 && tooMany == 0; i++) {
            tooMany += http.send(notAnUpgrade, HttpResponse.BodyHandlers.discarding()).statusCode() == 429 ? 1 : 0;
        }

        assertThat(tooMany).isEqualTo(1);
        assertThat(counter("tickwire.handshakes.rejected", "reason", "rate")).isEqualTo(rate + 1);
    }

    @Test
    void aFullNodeCountsItsRefusalsAsCapacity() throws Exception {
        double capacity = counter("tickwire.handshakes.rejected", "reason", "capacity");
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(TestClient.connect(port));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 4);

            assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(503);
        } finally {
            for (TestClient client : clients) {
                client.close();
            }
        }

        assertThat(counter("tickwire.handshakes.rejected", "reason", "capacity")).isEqualTo(capacity + 1);
    }

    @Test
    void noMeterIsTaggedWithAnythingThatNamesAClient() throws Exception {
        Set<String> clientValues = new HashSet<>(Set.of("127.0.0.1", "203.0.113.40", "bob", "AAPL", "MSFT"));
        WebSocketHttpHeaders signedIn = new WebSocketHttpHeaders();
        signedIn.set("Authorization", SignIn.basic("bob", "bob-secret"));
        try (TestClient client = TestClient.connect(port, "/ws/ticker", signedIn)) {
            clientValues.add(client.next("welcome").path("session").stringValue());
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\"]}");
            client.next("subscribed");
            publisher.publish(Quote.of("AAPL", 189.30));
            client.next("tick");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 0);

        List<Meter> tickwire = meters.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("tickwire.")).toList();
        assertThat(tickwire).hasSizeGreaterThan(10);
        Set<String> keys = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (Meter meter : tickwire) {
            for (Tag tag : meter.getId().getTags()) {
                keys.add(tag.getKey());
                values.add(tag.getValue());
            }
        }
        assertThat(keys).isSubsetOf("cause", "code", "reason", "outcome");
        assertThat(values).doesNotContainAnyElementsOf(clientValues);
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private double counter(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).counter().count();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
