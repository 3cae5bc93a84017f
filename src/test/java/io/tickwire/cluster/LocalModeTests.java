package io.tickwire.cluster;

import io.tickwire.history.InMemoryTickHistory;
import io.tickwire.history.TickHistory;
import io.tickwire.market.Quote;
import io.tickwire.market.TickPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application in the default mode, pointed at a Redis that cannot exist: nothing may need it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.data.redis.host=redis.invalid", "spring.data.redis.connect-timeout=200ms" })
class LocalModeTests {

    @LocalServerPort
    int port;

    @Autowired
    TickHistory history;

    @Autowired
    TickPublisher publisher;

    @Test
    void servesWithoutRedis() throws Exception {
        assertThat(history).isInstanceOf(InMemoryTickHistory.class);
        assertThat(publisher.publish(Quote.of("AAPL", 189.20)).seq()).isPositive();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/symbols/AAPL/ticks?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"symbol\":\"AAPL\"");
    }
}
