package io.tickwire.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StatusHistoryTests {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    private final AtomicInteger sessions = new AtomicInteger();
    private final Counter messages = meters.counter("tickwire.sent.messages");
    private final Counter bytes = meters.counter("tickwire.sent.bytes");
    private final Counter ticks = meters.counter("tickwire.ticks.published");
    private final StatusHistory history = new StatusHistory(new MeterReadings(meters), clock, 3);

    StatusHistoryTests() {
        meters.gauge("tickwire.sessions.open", sessions);
    }

    @Test
    void theFirstSampleOnlySetsWhereTheCountersStart() {
        messages.increment(500);

        history.sample();

        assertThat(history.points()).isEmpty();
    }

    @Test
    void eachLaterSampleIsTheSessionsThenAndTheRatesSinceTheOneBefore() {
        history.sample();
        sessions.set(4);
        messages.increment(50);
        bytes.increment(5_000);
        ticks.increment(10);
        clock.advance(Duration.ofSeconds(5));

        history.sample();

        assertThat(history.points()).singleElement().satisfies(point -> {
            assertThat(point.ts()).isEqualTo(clock.millis());
            assertThat(point.sessions()).isEqualTo(4);
            assertThat(point.messagesPerSecond()).isEqualTo(10);
            assertThat(point.bytesPerSecond()).isEqualTo(1_000);
            assertThat(point.ticksPerSecond()).isEqualTo(2);
        });
    }

    @Test
    void onlyTheNewestPointsAreKept() {
        for (int i = 0; i < 6; i++) {
            sessions.set(i);
            history.sample();
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(history.points()).extracting(StatusHistory.Point::sessions).containsExactly(3, 4, 5);
    }

    @Test
    void twoSamplesAtTheSameMomentMakeNoPoint() {
        history.sample();
        messages.increment(10);

        history.sample();

        assertThat(history.points()).isEmpty();
    }
}
