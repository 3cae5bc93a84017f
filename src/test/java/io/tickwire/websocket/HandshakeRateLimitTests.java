package io.tickwire.websocket;

import io.tickwire.support.MutableClock;
import io.tickwire.support.SignIn;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit over real sockets; the server's clock stands still, so only the test decides when budget comes back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL",
        "tickwire.limits.handshakes-per-second-per-address=1",
        "tickwire.limits.handshake-burst-per-address=3"})
@Import(HandshakeRateLimitTests.StoppedClock.class)
class HandshakeRateLimitTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Test
    void handshakeOverTheBurstGets429BeforeAnyUpgradeAndAnotherAddressIsUnaffected() throws Exception {
        // a foreign page cannot spend its visitors' budget
        for (int i = 0; i < 5; i++) {
            assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", "https://evil.example.org")).isEqualTo(403);
        }
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(101);
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(101);
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(101);

        try (RawWebSocket refused = RawWebSocket.to(port).connect()) {
            assertThat(refused.handshake().status()).isEqualTo(429);
            assertThat(refused.handshake().header("Retry-After")).isEqualTo("1");
            assertThat(refused.handshake().header("Upgrade")).isNull();
        }
        try (RawWebSocket other = RawWebSocket.to(port).from("127.0.0.2").connect()) {
            assertThat(other.handshake().status()).isEqualTo(101);
            assertThat(other.next("welcome").path("protocol").intValue()).isEqualTo(1);
        }

        clock.advance(Duration.ofSeconds(1));
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(101);
        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(429);
    }

    @Nested
    @TestPropertySource(properties = "server.forward-headers-strategy=native")
    class BehindAProxy {

        @Test
        void theForwardedClientAddressIsCountedNotTheProxys(@LocalServerPort int proxiedPort) throws Exception {
            for (int i = 0; i < 3; i++) {
                assertThat(handshakeForwardedFor(proxiedPort, "203.0.113.7")).isEqualTo(101);
            }

            assertThat(handshakeForwardedFor(proxiedPort, "203.0.113.7")).isEqualTo(429);
            assertThat(handshakeForwardedFor(proxiedPort, "203.0.113.8")).isEqualTo(101);
        }

        private static int handshakeForwardedFor(int port, String client) throws Exception {
            try (RawWebSocket socket = RawWebSocket.to(port).forwardedFor(client).connect()) {
                return socket.handshake().status();
            }
        }
    }

    @Nested
    @ActiveProfiles("users")
    @TestPropertySource(properties = "tickwire.security.require-login=true")
    class InLoginMode {

        @Test
        void handshakesRefusedForTheirLoginUseUpTheBudget(
                @LocalServerPort int loginPort) throws Exception {
            for (int i = 0; i < 3; i++) {
                assertThat(handshakeAs(loginPort, SignIn.basic("bob", "guess-" + i))).isEqualTo(401);
            }

            assertThat(handshakeAs(loginPort, SignIn.basic("bob", "bob-secret"))).isEqualTo(429);
        }

        private static int handshakeAs(int port, String authorization) throws Exception {
            try (RawWebSocket socket = RawWebSocket.to(port).header("Authorization", authorization).connect()) {
                return socket.handshake().status();
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class StoppedClock {

        @Bean
        MutableClock clock() {
            return MutableClock.atEpochSecond(1_700_000_000);
        }
    }
}
