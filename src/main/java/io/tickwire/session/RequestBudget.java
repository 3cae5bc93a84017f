package io.tickwire.session;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Clock;
import java.time.Duration;

/**
 * How many messages one client may still send: a token bucket, and a count of strikes for a client that goes on
 * sending once told to slow down. The first message over the limit is answered {@code RATE_LIMITED}; a client
 * that sends more than a second's worth of messages over the limit without pausing for a second is closed.
 */
public final class RequestBudget {

    /** What to do with a client's message. */
    public enum Verdict {
        /** Within the limit: handle it. */
        ACCEPT,
        /** The first over the limit: drop it and tell the client. */
        RATE_LIMITED,
        /** Over the limit, and the client was told already: drop it silently. */
        DROP,
        /** The client kept going: close with 4008. */
        CLOSE
    }

    private static final long PAUSE_THAT_FORGIVES_MILLIS = 1_000;

    private final Bucket bucket;
    private final Clock clock;
    private final int tolerance;
    private int strikes;
    private long lastStrikeMillis;

    RequestBudget(int messagesPerSecond, int burst, Clock clock) {
        this.clock = clock;
        this.tolerance = messagesPerSecond;
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(messagesPerSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
    }

    public synchronized Verdict take() {
        if (bucket.tryConsume(1)) {
            return Verdict.ACCEPT;
        }
        long now = clock.millis();
        if (now - lastStrikeMillis > PAUSE_THAT_FORGIVES_MILLIS) {
            strikes = 0;
        }
        lastStrikeMillis = now;
        strikes++;
        if (strikes == 1) {
            return Verdict.RATE_LIMITED;
        }
        return strikes > tolerance ? Verdict.CLOSE : Verdict.DROP;
    }
}
