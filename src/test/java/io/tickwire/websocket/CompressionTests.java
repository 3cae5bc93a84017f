package io.tickwire.websocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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
}
