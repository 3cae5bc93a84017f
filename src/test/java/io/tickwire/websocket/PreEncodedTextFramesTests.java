package io.tickwire.websocket;

import org.apache.tomcat.websocket.PreEncodedTextFrames;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tickwire.feed.symbols=AAPL")
class PreEncodedTextFramesTests {

    @LocalServerPort
    int port;

    @Test
    void thisTomcatLetsFramesLeaveAsBytesEncodedByTickwire() {
        // a Tomcat upgrade that removes the entry point would silently bring back the slow per-character encoder
        assertThat(PreEncodedTextFrames.available()).isTrue();
    }

    @Test
    void textBeyondAsciiArrivesIntact() throws Exception {
        try (TestClient client = TestClient.connect(port)) {
            client.next("welcome");
            client.send("{\"type\":\"subscribe\",\"id\":\"€\",\"symbols\":[\"ÄPFEL\",\"AAPL\"]}");

            JsonNode subscribed = client.next("subscribed");

            assertThat(subscribed.path("id").stringValue()).isEqualTo("€");
            assertThat(subscribed.path("rejected").get(0).path("symbol").stringValue()).isEqualTo("ÄPFEL");
            assertThat(client.ticks("AAPL", 3)).hasSize(3);
        }
    }
}
