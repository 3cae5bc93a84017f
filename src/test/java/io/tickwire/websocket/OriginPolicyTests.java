package io.tickwire.websocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.websocket.allowed-origins=https://*.example.com",
        "tickwire.websocket.require-origin=true",
        "tickwire.websocket.path=/live"})
class OriginPolicyTests {

    @LocalServerPort
    int port;

    @Test
    void allowListFeedsTheHandshakeCheck() throws Exception {
        assertThat(RawWebSocket.handshakeStatus(port, "/live", "https://app.example.com")).isEqualTo(101);
        assertThat(RawWebSocket.handshakeStatus(port, "/live", "https://example.com.evil.net")).isEqualTo(403);
        assertThat(RawWebSocket.handshakeStatus(port, "/live", "null")).isEqualTo(403);
    }

    @Test
    void requireOriginRefusesAHandshakeWithoutOne() throws Exception {
        assertThat(RawWebSocket.handshakeStatus(port, "/live", null)).isEqualTo(403);
    }

    @Test
    void pageOwnOriginIsAlwaysAllowed() throws Exception {
        assertThat(RawWebSocket.handshakeStatus(port, "/live", "http://127.0.0.1:" + port)).isEqualTo(101);
    }

    @Test
    void configuredPathIsWhereTheEndpointLives() throws Exception {
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", "https://app.example.com")).isNotEqualTo(101);
    }
}
