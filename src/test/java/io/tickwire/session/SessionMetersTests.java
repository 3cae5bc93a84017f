package io.tickwire.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwire.history.Resumption;
import io.tickwire.market.Tick;
import io.tickwire.protocol.ServerMessageEncoder;
import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out's meters, against a registry that keeps what they record and a clock the test moves. */
class SessionMetersTests {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    private final List<Runnable> paced = new ArrayList<>();
    private final RecordingFrameSender sender = new RecordingFrameSender();
    private final SessionRegistry registry = new SessionRegistry(new ServerMessageEncoder(JsonMapper.builder().build()),
            new SessionSettings(Runnable::run, Runnable::run, (task, delay) -> paced.add(task), 65_536, 2, 20, 40,
                    new SessionMeters(meters)),
            socket -> sender, clock);

    @Test
    void gaugesFollowSessionsAndSubscriptions() {
        SessionMeters.bindGauges(meters, registry);
        ClientSession first = registry.open(new FakeWebSocketSession("a"));
        ClientSession second = registry.open(new FakeWebSocketSession("b"));
        registry.subscribe(first, "AAPL", null);
        registry.subscribe(first, "MSFT", null);
        registry.subscribe(second, "AAPL", null);

        assertThat(gauge("tickwire.sessions.open")).isEqualTo(2);
        assertThat(gauge("tickwire.subscriptions")).isEqualTo(3);

        registry.remove("a");

        assertThat(gauge("tickwire.sessions.open")).isEqualTo(1);
        assertThat(gauge("tickwire.subscriptions")).isEqualTo(1);
    }

    @Test
    void everyPublishedTickIsCountedOnceWhateverTheSubscribers() {
        subscriber("a", null);
        subscriber("b", null);

        publish(1);
        publish(2);
        registry.onTick(new Tick("MSFT", 1, 1, null, null, null, null, clock.millis()));

        assertThat(counter("tickwire.ticks.published")).isEqualTo(3);
    }

    @Test
    void framesCountTheirMessagesAndBytesAndTheirSize() {
        ClientSession session = subscriber("a", null);
        double messagesBefore = counter("tickwire.sent.messages");
        double bytesBefore = counter("tickwire.sent.bytes");
        long framesBefore = meters.get("tickwire.batch.size").summary().count();
        session.send("{\"type\":\"x\"}");
        // while that frame is in flight, two ticks wait and then leave as one batch
        publish(1);
        publish(2);
        drain();

        List<String> frames = sender.frames.subList(sender.frames.size() - 2, sender.frames.size());
        long bytes = frames.stream().mapToLong(frame -> frame.getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(counter("tickwire.sent.messages") - messagesBefore).isEqualTo(3);
        assertThat(counter("tickwire.sent.bytes") - bytesBefore).isEqualTo(bytes);
        assertThat(meters.get("tickwire.batch.size").summary().count() - framesBefore).isEqualTo(2);
        assertThat(meters.get("tickwire.batch.size").summary().max()).isEqualTo(2);
    }

    @Test
    void delayRunsFromPublishToHandOverOncePerFrameForItsOldestTick() {
        ClientSession session = subscriber("a", null);
        session.send("{\"type\":\"x\"}");
        registry.onTick(tick(1, clock.millis()));
        clock.advance(Duration.ofMillis(40));
        registry.onTick(tick(2, clock.millis()));
        clock.advance(Duration.ofMillis(60));

        drain();

        assertThat(delay().count()).isEqualTo(1);
        assertThat(delay().max(TimeUnit.MILLISECONDS)).isEqualTo(100);
    }

    @Test
    void framesWithoutTicksAreNotTimed() {
        ClientSession session = subscriber("a", null);

        session.send("{\"type\":\"pong\"}");
        drain();

        assertThat(delay().count()).isZero();
    }

    @Test
    void aClientThatFallsBehindHasTicksConflatedForBacklog() {
        ClientSession session = subscriber("a", null);
        session.send("{\"type\":\"x\"}");
        // that frame stays in flight: the outbox (conflating above two) fills up
        publish(1);
        publish(2);
        publish(3);
        publish(4);

        assertThat(conflated("backlog")).isEqualTo(2);
        assertThat(conflated("max_rate")).isZero();
    }

    @Test
    void ticksLeftOutUnderMaxRateAreCountedAndTheirDelayStartsWhenTheirTurnCame() {
        subscriber("a", 1.0);
        publish(1);
        clock.advance(Duration.ofMillis(100));
        publish(2);
        clock.advance(Duration.ofMillis(100));
        publish(3);
        clock.advance(Duration.ofMillis(100));
        publish(4);
        long timedBefore = delay().count();

        clock.advance(Duration.ofMillis(700));
        paced.remove(0).run();
        drain();

        assertThat(conflated("max_rate")).isEqualTo(2);
        assertThat(delay().count()).isEqualTo(timedBefore + 1);
        assertThat(delay().max(TimeUnit.MILLISECONDS)).isZero();
    }

    private ClientSession subscriber(String id, Double maxRate) {
        ClientSession session = registry.open(new FakeWebSocketSession(id));
        registry.subscribe(session, "AAPL", maxRate);
        session.answerSubscribe("{\"type\":\"subscribed\"}", List.of(Resumption.snapshot("AAPL", "e", 0, null)));
        drain();
        return session;
    }

    private void publish(long seq) {
        registry.onTick(tick(seq, clock.millis()));
    }

    private static Tick tick(long seq, long ts) {
        return new Tick("AAPL", seq, 100 + seq, null, null, null, null, ts);
    }

    private void drain() {
        while (sender.hasInFlight()) {
            sender.complete();
        }
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private double conflated(String cause) {
        return meters.get("tickwire.ticks.conflated").tag("cause", cause).counter().count();
    }

    private io.micrometer.core.instrument.Timer delay() {
        return meters.get("tickwire.delivery.delay").timer();
    }
}
