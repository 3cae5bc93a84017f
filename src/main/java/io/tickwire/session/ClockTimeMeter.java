package io.tickwire.session;

import io.github.bucket4j.TimeMeter;

import java.time.Clock;

/** Bucket4j's time, read from the application's {@link Clock}, so that tests decide when budgets refill. */
public record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        return clock.millis() * 1_000_000;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
