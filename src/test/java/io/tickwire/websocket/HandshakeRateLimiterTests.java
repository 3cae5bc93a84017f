package io.tickwire.websocket;

import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeRateLimiterTests {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);

    private final HandshakeRateLimiter limiter = new HandshakeRateLimiter(5, 20, clock);

    @Test
    void allowsTheBurstAtOnceAndRefusesTheNextWithTheWaitForOneMore() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire("203.0.113.7")).as("handshake %d", i + 1).isZero();
        }

        assertThat(limiter.acquire("203.0.113.7")).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refillsAtTheRate() {
        useUpTheBurst("203.0.113.7");

        clock.advance(Duration.ofMillis(199));
        assertThat(limiter.acquire("203.0.113.7")).isEqualTo(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.acquire("203.0.113.7")).isZero();
        assertThat(limiter.acquire("203.0.113.7")).isPositive();

        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("203.0.113.7")).isZero();
        }
        assertThat(limiter.acquire("203.0.113.7")).isPositive();
    }

    @Test
    void eachAddressHasItsOwnBudget() {
        useUpTheBurst("203.0.113.7");

        assertThat(limiter.acquire("203.0.113.8")).isZero();
        assertThat(limiter.acquire("203.0.113.7")).isPositive();
    }

    @Test
    void forgetsAnAddressOnceItsBucketWouldBeFullAgain() {
        useUpTheBurst("203.0.113.7");
        assertThat(limiter.trackedAddresses()).isOne();

        clock.advance(Duration.ofMillis(3_999));
        assertThat(limiter.trackedAddresses()).isOne();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.trackedAddresses()).isZero();

        useUpTheBurst("203.0.113.7");
        assertThat(limiter.acquire("203.0.113.7")).isPositive();
    }

    @Test
    void manyAddressesAtOnceHoldNoMoreThanTheBound() {
        HandshakeRateLimiter bounded = new HandshakeRateLimiter(5, 20, 100, clock);

        for (int i = 0; i < 10_000; i++) {
            assertThat(bounded.acquire("10.0." + (i >> 8) + "." + (i & 0xFF))).isZero();
        }

        assertThat(bounded.trackedAddresses()).isLessThanOrEqualTo(100);
    }

    private void useUpTheBurst(String address) {
        for (int i = 0; i < 20; i++) {
            limiter.acquire(address);
        }
        assertThat(limiter.acquire(address)).isPositive();
    }
}
