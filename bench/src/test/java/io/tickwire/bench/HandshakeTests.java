package io.tickwire.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTests {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void acceptIsTheOneInRfc6455() {
        assertThat(Handshake.acceptFor(KEY)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void requestAsksForAnUpgrade() {
        String request = new String(Handshake.request("127.0.0.1", 8080, "/ws/ticker", KEY), StandardCharsets.US_ASCII);
        assertThat(request).startsWith("GET /ws/ticker HTTP/1.1\r\n").contains("Host: 127.0.0.1:8080\r\n")
                .contains("Upgrade: websocket\r\n").contains("Sec-WebSocket-Key: " + KEY + "\r\n")
                .contains("Sec-WebSocket-Version: 13\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void keysAreSixteenRandomBytes() {
        String key = Handshake.newKey(new Random(1));
        assertThat(java.util.Base64.getDecoder().decode(key)).hasSize(16);
        assertThat(Handshake.newKey(new Random(2))).isNotEqualTo(key);
    }

    @Test
    void findsTheEndOfTheHeadBeforeFrameBytes() {
        byte[] bytes = "HTTP/1.1 101 x\r\nA: b\r\n\r\n\u0081\u0002hi".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Handshake.endOfHead(bytes, bytes.length)).isEqualTo(bytes.length - 4);
        assertThat(Handshake.endOfHead(bytes, 20)).isEqualTo(-1);
    }

    @Test
    void statusIs101OnlyWithTheRightAccept() {
        assertThat(status("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nconnection: Upgrade\r\n"
                + "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")).isEqualTo(101);
        assertThat(status("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: wrong=\r\n\r\n")).isZero();
        assertThat(status("HTTP/1.1 101 Switching Protocols\r\n\r\n")).isZero();
        assertThat(status("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n\r\n")).isEqualTo(503);
        assertThat(status("HTTP/1.1 429 \r\n\r\n")).isEqualTo(429);
        assertThat(status("SSH-2.0-OpenSSH\r\n\r\n")).isZero();
    }

    private static int status(String head) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return Handshake.status(bytes, bytes.length, KEY);
    }
}
