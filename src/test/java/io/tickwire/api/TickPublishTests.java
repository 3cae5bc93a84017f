package io.tickwire.api;

import io.tickwire.feed.MarketFeed;
import io.tickwire.history.TickHistory;
import io.tickwire.market.Tick;
import io.tickwire.market.Quote;
import io.tickwire.support.Frames;
import io.tickwire.support.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.json.JsonContent;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/ticks} over real HTTP, with a feed that publishes nothing of its own, so that every tick here is
 * one the test posted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("users")
class TickPublishTests {

    private static final String PUBLISHER = SignIn.basic("feed", "feed-secret");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    TickHistory history;

    @Test
    void publishedTicksReachASubscribedClientThroughTheFeedsPath() throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocket socket = subscribe("AAPL", received);
        try {
            HttpResponse<String> response = post(PUBLISHER, """
                    [{"symbol":"AAPL","price":189.23,"bid":189.22,"ask":189.24,"volume":1203400,"open":187.9},
                     {"symbol":"AAPL","price":189.25}]""");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonContent published = new JsonContent(response.body());
            assertThat(published).extractingPath("$[*].price").isEqualTo(List.of(189.23, 189.25));
            long firstSeq = Frames.JSON.readTree(response.body()).get(0).path("seq").longValue();
            assertThat(published).extractingPath("$[1].seq").isEqualTo((int) firstSeq + 1);

            JsonNode first = nextTick(received);
            assertThat(first.path("seq").longValue()).isEqualTo(firstSeq);
            assertThat(first.path("price").doubleValue()).isEqualTo(189.23);
            assertThat(first.path("volume").longValue()).isEqualTo(1203400);
            assertThat(nextTick(received).path("price").doubleValue()).isEqualTo(189.25);
            assertThat(history.latest("AAPL")).hasValueSatisfying(tick -> assertThat(tick.seq()).isEqualTo(firstSeq + 1));
        } finally {
            socket.abort();
        }
    }

    @Test
    void withoutCredentialsIs401() throws Exception {
        HttpResponse<String> response = post(null, "[{\"symbol\":\"AAPL\",\"price\":1}]");

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void userWithoutThePublisherRoleIs403() throws Exception {
        assertProblem(post(SignIn.basic("bob", "bob-secret"), "[{\"symbol\":\"AAPL\",\"price\":1}]"), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]",
            "[null]",
            "{\"symbol\":\"AAPL\",\"price\":1}",
            "[{\"symbol\":\"AAPL\"}]",
            "[{\"price\":1}]",
            "[{\"symbol\":\"NOPE\",\"price\":1}]",
            "[{\"symbol\":\"aapl\",\"price\":1}]",
            "[{\"symbol\":\"AAPL\",\"price\":0}]",
            "[{\"symbol\":\"AAPL\",\"price\":-1}]",
            "[{\"symbol\":\"AAPL\",\"price\":1e400}]",
            "[{\"symbol\":\"AAPL\",\"price\":\"cheap\"}]",
            "[{\"symbol\":\"AAPL\",\"price\":1,\"bid\":-1}]",
            "[{\"symbol\":\"AAPL\",\"price\":1,\"ask\":0}]",
            "[{\"symbol\":\"AAPL\",\"price\":1,\"open\":1e999}]",
            "[{\"symbol\":\"AAPL\",\"price\":1,\"volume\":-5}]",
            "[{\"symbol\":\"AAPL\",\"price\":1,\"volume\":1e30}]",
            "[{\"symbol\":\"AAPL\",\"price\":1}",
    })
    void badBodyIsBadRequestProblemAndPublishesNothing(String body) throws Exception {
        long aaplBefore = history.latest("AAPL").map(Tick::seq).orElse(0L);

        HttpResponse<String> response = post(PUBLISHER, body);

        assertProblem(response, 400);
        assertThat(history.latest("MSFT")).isEmpty();
        assertThat(history.latest("AAPL").map(Tick::seq).orElse(0L)).isEqualTo(aaplBefore);
    }

    @Test
    void oneBadQuoteStopsTheWholeBody() throws Exception {
        HttpResponse<String> response = post(PUBLISHER,
                "[{\"symbol\":\"MSFT\",\"price\":5},{\"symbol\":\"MSFT\",\"price\":-5}]");

        assertProblem(response, 400);
        assertThat(new JsonContent(response.body())).extractingPath("$.detail").asString()
                .isEqualTo("[1].price must be a positive finite number, was -5.0");
        assertThat(history.latest("MSFT")).isEmpty();
    }

    @Test
    void tooManyQuotesAreRefused() throws Exception {
        String quote = "{\"symbol\":\"MSFT\",\"price\":5}";
        String body = "[" + String.join(",", Collections.nCopies(TickPublishController.MAX_QUOTES + 1, quote)) + "]";

        HttpResponse<String> response = post(PUBLISHER, body);

        assertProblem(response, 400);
        assertThat(new JsonContent(response.body())).extractingPath("$.detail").asString().contains("1 to 1000 quotes");
        assertThat(history.latest("MSFT")).isEmpty();
    }

    @Test
    void bodyMustBeJson() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ticks"))
                .header("Authorization", PUBLISHER).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"symbol\":\"AAPL\",\"price\":1}]")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 415);
    }

    private HttpResponse<String> post(String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ticks"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(authorization).ifPresent(value -> request.header("Authorization", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonContent(response.body())).hasPath("$.detail");
    }

    /** Subscribes a plain JDK WebSocket client to the symbol; every message it gets lands in {@code received}. */
    private WebSocket subscribe(String symbol, BlockingQueue<JsonNode> received) throws Exception {
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/ticker"),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.addAll(Frames.messages(List.of(text.toString())));
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"subscribe\",\"symbols\":[\"" + symbol + "\"]}", true).get(10, TimeUnit.SECONDS);
        while (!"subscribed".equals(next(received).path("type").stringValue())) {
            // the welcome comes first
        }
        return socket;
    }

    private static JsonNode nextTick(BlockingQueue<JsonNode> received) throws InterruptedException {
        JsonNode message;
        do {
            message = next(received);
        } while (!"tick".equals(message.path("type").stringValue()));
        return message;
    }

    private static JsonNode next(BlockingQueue<JsonNode> received) throws InterruptedException {
        JsonNode message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 s").isNotNull();
        return message;
    }

    /** Nothing of its own: AAPL and MSFT move only when the test publishes. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SilentFeed {

        @Bean
        MarketFeed silentFeed() {
            return new MarketFeed() {
                @Override
                public List<String> symbols() {
                    return List.of("AAPL", "MSFT");
                }

                @Override
                public void start(Consumer<Quote> sink) {
                }

                @Override
                public void stop() {
                }
            };
        }
    }
}
