package io.tickwire.websocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHttpHeaders;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL",
        "tickwire.websocket.compression=true"})
class CompressionTests {

    @LocalServerPort
    int port;

    @Test
    void permessageDeflateIsNegotiatedWhenSwitchedOn() throws Exception {
        try (RawWebSocket socket = RawWebSocket.to(port).extensions("permessage-deflate").connect()) {
            assertThat(socket.handshake().status()).isEqualTo(101);
            assertThat(socket.handshake().header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
        }
    }

    @Test
    void ticksArriveThroughTheCompressor() throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.setSecWebSocketExtensions(List.of(new WebSocketExtension("permessage-deflate")));
        try (TestClient client = TestClient.connect(port, "/ws/ticker", headers)) {
            assertThat(client.session().getExtensions()).extracting(WebSocketExtension::getName).containsExactly("permessage-deflate");
            client.next("welcome");
            client.send("{\"type\":\"subscribe\",\"id\":\"€\",\"symbols\":[\"AAPL\"]}");

            assertThat(client.next("subscribed").path("id").stringValue()).isEqualTo("€");
            assertThat(client.ticks("AAPL", 5)).hasSize(5);
            assertThat(client.sequenceViolations()).isEmpty();
        }
    }
}
