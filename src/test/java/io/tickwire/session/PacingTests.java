package io.tickwire.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwire.support.Frames;
import io.tickwire.history.Resumption;
import io.tickwire.market.Tick;
import io.tickwire.protocol.ServerMessageEncoder;
import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's {@code maxRate}: at most that many ticks per second per symbol, the rest counted as skipped. */
class PacingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MutableClock clock = MutableClock.atEpochSecond(1_000);
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final RecordingFrameSender sender = new RecordingFrameSender();
    private final SessionRegistry registry = new SessionRegistry(new ServerMessageEncoder(JSON),
            new SessionSettings(Runnable::run, Runnable::run, (task, delay) -> {
                scheduled.add(task);
                delays.add(delay);
            }, 65_536, 100, 20, 40, new SessionMeters(new SimpleMeterRegistry())),
            socket -> sender, clock);
    private final ClientSession session = registry.open(new FakeWebSocketSession("a"));

    @Test
    void ticksAboveMaxRateWaitAndTheLatestGoesOutWithSkipped() {
        subscribe(2.0);

        publish(1);
        clock.advance(Duration.ofMillis(100));
        publish(2);
        clock.advance(Duration.ofMillis(100));
        publish(3);
        clock.advance(Duration.ofMillis(100));
        publish(4);

        assertThat(ticks()).extracting(t -> t.path("seq").longValue()).containsExactly(1L);
        assertThat(scheduled).hasSize(1);
        assertThat(delays).containsExactly(400L);

        clock.advance(Duration.ofMillis(200));
        scheduled.remove(0).run();

        List<JsonNode> ticks = ticks();
        assertThat(ticks).extracting(t -> t.path("seq").longValue()).containsExactly(1L, 4L);
        assertThat(ticks.get(1).path("skipped").longValue()).isEqualTo(2);
    }

    @Test
    void ticksSpacedWiderThanTheRateAllGoOut() {
        subscribe(2.0);

        for (int seq = 1; seq <= 5; seq++) {
            publish(seq);
            clock.advance(Duration.ofMillis(500));
        }

        assertThat(ticks()).extracting(t -> t.path("seq").longValue()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ticks()).noneMatch(t -> t.has("skipped"));
        assertThat(scheduled).isEmpty();
    }

    @Test
    void heartbeatAnnouncesOnlyWhatWasQueuedNotWhatWaits() {
        subscribe(1.0);
        publish(1);
        publish(2);

        new Heartbeats(registry, new ServerMessageEncoder(JSON), Clock.fixed(clock.instant(), clock.getZone())).beat();

        JsonNode heartbeat = messages().stream().filter(m -> m.path("type").stringValue().equals("heartbeat")).findFirst().orElseThrow();
        assertThat(heartbeat.path("seqs").path("AAPL").longValue()).isEqualTo(1);
    }

    @Test
    void unsubscribedSymbolIsNotFlushedLater() {
        subscribe(1.0);
        publish(1);
        publish(2);
        registry.unsubscribe(session, "AAPL");

        scheduled.remove(0).run();

        assertThat(ticks()).extracting(t -> t.path("seq").longValue()).containsExactly(1L);
    }

    private void subscribe(double maxRate) {
        registry.subscribe(session, "AAPL", maxRate);
        session.answerSubscribe("{\"type\":\"subscribed\"}", List.of(Resumption.snapshot("AAPL", "e", 0, null)));
        drain();
    }

    private void publish(long seq) {
        registry.onTick(new Tick("AAPL", seq, 100 + seq, null, null, null, null, clock.millis()));
        drain();
    }

    private void drain() {
        while (sender.hasInFlight()) {
            sender.complete();
        }
    }

    private List<JsonNode> ticks() {
        return messages().stream().filter(m -> m.path("type").stringValue().equals("tick")).toList();
    }

    private List<JsonNode> messages() {
        drain();
        return Frames.messages(sender.frames);
    }
}
