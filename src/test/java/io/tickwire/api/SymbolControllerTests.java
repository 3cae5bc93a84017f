package io.tickwire.api;

import io.tickwire.history.InMemoryTickHistory;
import io.tickwire.history.TickHistory;
import io.tickwire.market.Quote;
import io.tickwire.security.SymbolEntitlements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.json.JsonContent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The read side of the HTTP API over real HTTP, with the web layer alone: no security, no feed, no socket. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SymbolControllerTests {

    private static final long T0 = 1_763_760_000_000L;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void listsEverySymbolInHistoryOrderWithItsLatestTick() throws Exception {
        HttpResponse<String> response = get("/api/symbols");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(new JsonContent(response.body())).isStrictlyEqualTo("""
                [{"symbol":"AAPL","latest":{"type":"tick","symbol":"AAPL","seq":7,"price":107.0,"bid":106.99,
                  "ask":107.01,"volume":7000,"open":100.0,"ts":1763760000007}},
                 {"symbol":"MSFT","latest":{"type":"tick","symbol":"MSFT","seq":1,"price":411.02,"ts":1763760000050}},
                 {"symbol":"IDLE"},
                 {"symbol":"BRK.B","latest":{"type":"tick","symbol":"BRK.B","seq":1,"price":410.0,"ts":1763760000060}}]
                """);
    }

    @Test
    void ticksAreOldestFirstAndLimited() throws Exception {
        HttpResponse<String> response = get("/api/symbols/AAPL/ticks?limit=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonContent(response.body())).isStrictlyEqualTo("""
                [{"type":"tick","symbol":"AAPL","seq":6,"price":106.0,"bid":105.99,"ask":106.01,"volume":6000,
                  "open":100.0,"ts":1763760000006},
                 {"type":"tick","symbol":"AAPL","seq":7,"price":107.0,"bid":106.99,"ask":107.01,"volume":7000,
                  "open":100.0,"ts":1763760000007}]
                """);
    }

    @Test
    void limitBeyondWhatHistoryHoldsGivesAllItHolds() throws Exception {
        HttpResponse<String> response = get("/api/symbols/AAPL/ticks?limit=10000");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonContent(response.body())).extractingPath("$[*].seq").isEqualTo(List.of(3, 4, 5, 6, 7));
    }

    @Test
    void limitDefaultsToOneHundred() throws Exception {
        HttpResponse<String> response = get("/api/symbols/AAPL/ticks");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonContent(response.body())).extractingPath("$[*].seq").isEqualTo(List.of(3, 4, 5, 6, 7));
    }

    @Test
    void symbolWithoutTicksHasAnEmptyHistory() throws Exception {
        HttpResponse<String> response = get("/api/symbols/IDLE/ticks");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void symbolWithDotIsNotTakenForAFileExtension() throws Exception {
        HttpResponse<String> response = get("/api/symbols/BRK.B/ticks");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonContent(response.body())).extractingPath("$[*].symbol").isEqualTo(List.of("BRK.B"));
    }

    @Test
    void unknownSymbolIsNotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/api/symbols/NOPE/ticks");

        assertProblem(response, 404);
        assertThat(new JsonContent(response.body())).extractingPath("$.detail").asString().contains("'NOPE'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "aapl", "-AAPL", "ABCDEFGHIJKLMNOPQRSTUVWXY" })
    void malformedSymbolIsBadRequestProblem(String symbol) throws Exception {
        HttpResponse<String> response = get("/api/symbols/" + symbol + "/ticks");

        assertProblem(response, 400);
        assertThat(new JsonContent(response.body())).extractingPath("$.detail").asString()
                .contains("'" + symbol + "'", "malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "10001", "2147483648", "ten" })
    void badLimitIsBadRequestProblem(String limit) throws Exception {
        HttpResponse<String> response = get("/api/symbols/AAPL/ticks?limit=" + limit);

        assertProblem(response, 400);
        assertThat(new JsonContent(response.body())).extractingPath("$.detail").asString().contains("limit");
    }

    @Test
    void springMvcErrorsAreProblemsToo() throws Exception {
        HttpResponse<String> response = http.send(
                request("/api/symbols").method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 405);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonContent(response.body())).hasPath("$.detail").extractingPath("$.status").isEqualTo(status);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        // most clients ask for plain JSON; errors must still come back as problem+json
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "application/json");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class })
    @Import({ SymbolController.class, ApiExceptionHandler.class })
    static class WebLayerOnly {

        /** Entitlements are tested with real users in the security tests; here everyone sees everything. */
        @Bean
        SymbolEntitlements symbolEntitlements() {
            return (principal, symbol) -> true;
        }

        @Bean
        TickHistory tickHistory() {
            TickHistory history = new InMemoryTickHistory(List.of("AAPL", "MSFT", "IDLE", "BRK.B"), 5, () -> "e1");
            for (int seq = 1; seq <= 7; seq++) {
                double price = 100 + seq;
                history.append(new Quote("AAPL", price, price - 0.01, price + 0.01, 1000L * seq, 100.0), T0 + seq);
            }
            history.append(Quote.of("MSFT", 411.02), T0 + 50);
            history.append(Quote.of("BRK.B", 410.0), T0 + 60);
            return history;
        }
    }
}
