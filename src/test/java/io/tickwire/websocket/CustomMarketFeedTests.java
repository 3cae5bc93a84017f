package io.tickwire.websocket;

import io.tickwire.feed.MarketFeed;
import io.tickwire.market.Quote;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomMarketFeedTests {

    @LocalServerPort
    int port;

    @Autowired
    ManualFeed feed;

    @Test
    void userDefinedFeedReplacesTheSimulatedOne() throws Exception {
        HttpResponse<String> symbols = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/symbols")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode listed = TestClient.JSON.readTree(symbols.body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("symbol").stringValue()).isEqualTo("EURUSD");

        try (TestClient client = TestClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\",\"AAPL\"]}");
            JsonNode subscribed = client.next("subscribed");
            assertThat(subscribed.path("rejected").get(0).path("symbol").stringValue()).isEqualTo("AAPL");

            await().until(() -> feed.sink.get() != null);
            feed.sink.get().accept(new Quote("EURUSD", 1.0842, 1.0841, 1.0843, null, 1.08));
            feed.sink.get().accept(Quote.of("EURUSD", 1.0845));

            List<JsonNode> ticks = client.ticks("EURUSD", 2);
            assertThat(ticks.get(0).path("price").doubleValue()).isEqualTo(1.0842);
            assertThat(ticks.get(0).path("bid").doubleValue()).isEqualTo(1.0841);
            assertThat(ticks.get(0).has("volume")).isFalse();
            assertThat(ticks.get(1).path("price").doubleValue()).isEqualTo(1.0845);
            assertThat(ticks.get(1).path("seq").longValue()).isEqualTo(ticks.get(0).path("seq").longValue() + 1);
        }
    }

    /** A feed the test drives by hand. */
    static final class ManualFeed implements MarketFeed {

        final AtomicReference<Consumer<Quote>> sink = new AtomicReference<>();

        @Override
        public List<String> symbols() {
            return List.of("EURUSD");
        }

        @Override
        public void start(Consumer<Quote> sink) {
            this.sink.set(sink);
        }

        @Override
        public void stop() {
            sink.set(null);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FeedConfiguration {

        @Bean
        ManualFeed manualFeed() {
            return new ManualFeed();
        }
    }
}
