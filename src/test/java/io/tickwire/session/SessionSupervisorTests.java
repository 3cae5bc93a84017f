package io.tickwire.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwire.protocol.CloseCodes;
import io.tickwire.protocol.ServerMessageEncoder;
import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionSupervisorTests {

    private final MutableClock clock = MutableClock.atEpochSecond(1_000);
    private final List<Runnable> graceTasks = new ArrayList<>();
    private final Map<String, RecordingFrameSender> senders = new HashMap<>();
    private final SessionRegistry registry = new SessionRegistry(new ServerMessageEncoder(JsonMapper.builder().build()),
            new SessionSettings(Runnable::run, Runnable::run, (task, delay) -> graceTasks.add(task), 65_536, 100, 20, 40, new SessionMeters(new SimpleMeterRegistry())),
            socket -> senders.computeIfAbsent(socket.getId(), id -> new RecordingFrameSender()), clock);
    private final SessionSupervisor supervisor = new SessionSupervisor(registry, clock, Duration.ofSeconds(10), Duration.ofSeconds(15));

    @Test
    void clientThatTakesNoDataForLongerThanTheSendTimeoutIsClosedWith4009() {
        FakeWebSocketSession socket = new FakeWebSocketSession("slow");
        ClientSession session = registry.open(socket);
        session.send("{\"type\":\"x\"}");
        clock.advance(Duration.ofSeconds(9));
        session.touch();

        supervisor.sweep();
        assertThat(socket.closedWith).isNull();

        clock.advance(Duration.ofMillis(1_001));
        supervisor.sweep();

        assertThat(registry.find("slow")).isEmpty();
        assertThat(socket.closedWith).as("closes only once the stuck frame is written").isNull();
        senders.get("slow").complete();
        assertThat(socket.closedWith).isEqualTo(CloseCodes.SLOW_CONSUMER);
    }

    @Test
    void slowClientThatNeverReadsAgainIsClosedAfterTheGrace() {
        FakeWebSocketSession socket = new FakeWebSocketSession("stuck");
        registry.open(socket).send("{\"type\":\"x\"}");
        clock.advance(Duration.ofMillis(10_001));

        supervisor.sweep();
        assertThat(socket.closedWith).isNull();
        assertThat(graceTasks).hasSize(1);
        graceTasks.remove(0).run();

        assertThat(socket.closedWith).isEqualTo(CloseCodes.SLOW_CONSUMER);
    }

    @Test
    void clientThatAnswersNothingForTwoHeartbeatsIsClosedAndForgotten() {
        FakeWebSocketSession socket = new FakeWebSocketSession("silent");
        registry.open(socket);
        clock.advance(Duration.ofSeconds(30));

        supervisor.sweep();
        assertThat(socket.closedWith).isNull();

        clock.advance(Duration.ofMillis(1));
        supervisor.sweep();

        assertThat(socket.closedWith).isEqualTo(CloseCodes.SILENT);
        assertThat(registry.size()).isZero();
    }

    @Test
    void healthyClientIsLeftAlone() {
        FakeWebSocketSession socket = new FakeWebSocketSession("healthy");
        ClientSession session = registry.open(socket);
        for (int i = 0; i < 10; i++) {
            session.send("{\"type\":\"x\"}");
            senders.get("healthy").complete();
            clock.advance(Duration.ofSeconds(5));
            session.touch();
            supervisor.sweep();
        }

        assertThat(socket.closedWith).isNull();
        assertThat(registry.find("healthy")).isPresent();
    }

    @Test
    void sweepsOftenEnoughForBothLimits() {
        assertThat(SessionSupervisor.period(Duration.ofSeconds(10), Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(1));
        assertThat(SessionSupervisor.period(Duration.ofSeconds(10), Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(50));
    }
}
