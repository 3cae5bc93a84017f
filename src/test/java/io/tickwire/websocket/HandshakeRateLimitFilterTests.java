package io.tickwire.websocket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;
import jakarta.servlet.ServletException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeRateLimitFilterTests {

    private static final OriginCheckInterceptor ORIGINS = new OriginCheckInterceptor(List.of("https://tickwire.example"), false);

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);

    private final HandshakeRateLimitFilter filter = new HandshakeRateLimitFilter(new HandshakeRateLimiter(1, 2, clock), ORIGINS, new HandshakeRefusals(new SimpleMeterRegistry()));

    @Test
    void answers429WithTheWholeSecondsToWait() throws IOException, ServletException {
        assertThat(handshake("203.0.113.7")).isEqualTo(new Outcome(true, 200, null));
        assertThat(handshake("203.0.113.7")).isEqualTo(new Outcome(true, 200, null));

        assertThat(handshake("203.0.113.7")).isEqualTo(new Outcome(false, 429, "1"));
    }

    @Test
    void roundsAPartialSecondUp() throws IOException, ServletException {
        HandshakeRateLimitFilter slow = new HandshakeRateLimitFilter(new HandshakeRateLimiter(1, 1, clock), ORIGINS, new HandshakeRefusals(new SimpleMeterRegistry()));
        handshake(slow, "203.0.113.7");
        clock.advance(Duration.ofMillis(100));
        assertThat(handshake(slow, "203.0.113.7")).isEqualTo(new Outcome(false, 429, "1"));

        clock.advance(Duration.ofMillis(900));
        assertThat(handshake(slow, "203.0.113.7").proceeds()).isTrue();
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareABudget() throws IOException, ServletException {
        handshake("2001:db8:1:2::1");
        handshake("2001:db8:1:2:aaaa::7");

        assertThat(handshake("2001:db8:1:2:ffff:ffff:ffff:ffff").status()).isEqualTo(429);
        assertThat(handshake("2001:db8:1:3::1").status()).isEqualTo(200);
    }

    @Test
    void aForeignOriginIsRefusedWithoutSpendingTheAddresssBudget() throws IOException, ServletException {
        for (int i = 0; i < 5; i++) {
            assertThat(handshake("203.0.113.7", "https://evil.example")).isEqualTo(new Outcome(false, 403, null));
        }

        assertThat(handshake("203.0.113.7", "https://tickwire.example").proceeds()).isTrue();
        assertThat(handshake("203.0.113.7", "https://tickwire.example").proceeds()).isTrue();
        assertThat(handshake("203.0.113.7", "https://tickwire.example").status()).isEqualTo(429);
    }

    @Test
    void keysAreTheIpv4AddressOrTheIpv6Network() {
        assertThat(HandshakeRateLimitFilter.clientKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(HandshakeRateLimitFilter.clientKey("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(HandshakeRateLimitFilter.clientKey("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(HandshakeRateLimitFilter.clientKey(null)).isEqualTo("unknown");
    }

    private Outcome handshake(String remoteAddress) throws IOException, ServletException {
        return handshake(filter, remoteAddress);
    }

    private Outcome handshake(String remoteAddress, String origin) throws IOException, ServletException {
        return handshake(filter, remoteAddress, origin);
    }

    private static Outcome handshake(HandshakeRateLimitFilter filter, String remoteAddress) throws IOException, ServletException {
        return handshake(filter, remoteAddress, null);
    }

    private static Outcome handshake(HandshakeRateLimitFilter filter, String remoteAddress, String origin)
            throws IOException, ServletException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/ticker");
        request.setRemoteAddr(remoteAddress);
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Outcome(chain.getRequest() != null, response.getStatus(), response.getHeader("Retry-After"));
    }

    private record Outcome(boolean proceeds, int status, String retryAfter) {
    }
}
