package io.tickwire.websocket;

import io.tickwire.support.SignIn;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.json.JsonContent;
import org.springframework.web.socket.WebSocketHttpHeaders;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees is what their entitlements allow, on the socket and on the API alike. alice sees AAPL only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.security.require-login=true",
        "tickwire.feed.symbols=AAPL,MSFT,GOOGL",
        "tickwire.feed.ticks-per-second=20"})
@ActiveProfiles("users")
class EntitlementTests {

    private static final String ALICE = SignIn.basic("alice", "alice-secret");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void symbolNotEntitledIsRejectedAndNeverDelivered() throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.add("Cookie", new SignIn(port).formLogin("alice", "alice-secret"));
        try (TestClient client = TestClient.connect(port, "/ws/ticker", headers)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\",\"MSFT\",\"NOPE\"]}");

            JsonNode subscribed = client.next("subscribed");
            assertThat(subscribed.path("subscriptions")).extracting(entry -> entry.path("symbol").stringValue())
                    .containsExactly("AAPL");
            assertThat(new JsonContent(subscribed.path("rejected").toString())).isStrictlyEqualTo("""
                    [{"symbol":"MSFT","code":"NOT_ENTITLED","message":"not entitled to this symbol"},
                     {"symbol":"NOPE","code":"UNKNOWN_SYMBOL","message":"no such symbol"}]""");

            client.send("{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"MSFT\"]}");
            assertThat(client.next("subscribed").path("rejected").get(0).path("code").stringValue()).isEqualTo("NOT_ENTITLED");
            // MSFT ticks as fast as AAPL: in the time forty AAPL ticks take, a leak would have shown many
            client.ticks("AAPL", 40);
            client.send("{\"type\":\"ping\",\"id\":3,\"ts\":1}");
            client.next("pong");
            assertThat(client.tickSymbols()).containsExactly("AAPL");
        }
    }

    @Test
    void symbolListShowsOnlyEntitledSymbols() throws Exception {
        HttpResponse<String> response = get("/api/symbols", ALICE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonContent(response.body())).extractingPath("$[*].symbol").isEqualTo(List.of("AAPL"));
        assertThat(new JsonContent(get("/api/symbols", SignIn.basic("bob", "bob-secret")).body()))
                .extractingPath("$[*].symbol").isEqualTo(List.of("AAPL", "MSFT", "GOOGL"));
    }

    @Test
    void historyOfASymbolNotEntitledIsForbiddenProblem() throws Exception {
        HttpResponse<String> response = get("/api/symbols/MSFT/ticks", ALICE);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonContent(response.body())).extractingPath("$.detail").asString().contains("'MSFT'");
        assertThat(get("/api/symbols/AAPL/ticks", ALICE).statusCode()).isEqualTo(200);
        assertThat(get("/api/symbols/NOPE/ticks", ALICE).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
