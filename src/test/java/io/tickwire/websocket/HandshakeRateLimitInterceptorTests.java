package io.tickwire.websocket;

import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeRateLimitInterceptorTests {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);

    private final HandshakeRateLimitInterceptor interceptor =
            new HandshakeRateLimitInterceptor(new HandshakeRateLimiter(1, 2, clock));

    @Test
    void answers429WithTheWholeSecondsToWait() throws IOException {
        assertThat(handshake("203.0.113.7")).isEqualTo(new Outcome(true, 200, null));
        assertThat(handshake("203.0.113.7")).isEqualTo(new Outcome(true, 200, null));

        assertThat(handshake("203.0.113.7")).isEqualTo(new Outcome(false, 429, "1"));
    }

    @Test
    void roundsAPartialSecondUp() throws IOException {
        HandshakeRateLimitInterceptor slow = new HandshakeRateLimitInterceptor(new HandshakeRateLimiter(1, 1, clock));
        handshake(slow, "203.0.113.7");
        clock.advance(Duration.ofMillis(100));
        assertThat(handshake(slow, "203.0.113.7")).isEqualTo(new Outcome(false, 429, "1"));

        clock.advance(Duration.ofMillis(900));
        assertThat(handshake(slow, "203.0.113.7").proceeds()).isTrue();
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareABudget() throws IOException {
        handshake("2001:db8:1:2::1");
        handshake("2001:db8:1:2:aaaa::7");

        assertThat(handshake("2001:db8:1:2:ffff:ffff:ffff:ffff").status()).isEqualTo(429);
        assertThat(handshake("2001:db8:1:3::1").status()).isEqualTo(200);
    }

    @Test
    void keysAreTheIpv4AddressOrTheIpv6Network() {
        assertThat(HandshakeRateLimitInterceptor.clientKey(new InetSocketAddress("203.0.113.7", 5000))).isEqualTo("203.0.113.7");
        assertThat(HandshakeRateLimitInterceptor.clientKey(new InetSocketAddress("2001:db8:1:2:3:4:5:6", 5000)))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(HandshakeRateLimitInterceptor.clientKey(new InetSocketAddress("::ffff:203.0.113.7", 5000)))
                .isEqualTo("203.0.113.7");
    }

    private Outcome handshake(String remoteAddress) throws IOException {
        return handshake(interceptor, remoteAddress);
    }

    private static Outcome handshake(HandshakeRateLimitInterceptor interceptor, String remoteAddress) throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/ticker");
        request.setRemoteAddr(remoteAddress);
        request.setRemoteHost(remoteAddress);
        MockHttpServletResponse response = new MockHttpServletResponse();
        ServletServerHttpResponse serverResponse = new ServletServerHttpResponse(response);
        boolean proceeds = interceptor.beforeHandshake(new ServletServerHttpRequest(request), serverResponse,
                new TextWebSocketHandler(), new HashMap<>());
        serverResponse.flush(); // writes the headers
        return new Outcome(proceeds, response.getStatus(), response.getHeader("Retry-After"));
    }

    private record Outcome(boolean proceeds, int status, String retryAfter) {
    }
}
