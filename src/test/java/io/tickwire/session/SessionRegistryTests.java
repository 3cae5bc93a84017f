package io.tickwire.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwire.support.Frames;
import io.tickwire.history.Resumption;
import io.tickwire.market.Tick;
import io.tickwire.protocol.ServerMessageEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRegistryTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, RecordingFrameSender> senders = new HashMap<>();
    private SessionRegistry registry;

    @BeforeEach
    void createRegistry() {
        SessionSettings settings = new SessionSettings(Runnable::run, Runnable::run, (task, delay) -> task.run(), 65_536, 100, 20, 40, new SessionMeters(new SimpleMeterRegistry()));
        registry = new SessionRegistry(new ServerMessageEncoder(JSON), settings, socket -> senders.computeIfAbsent(socket.getId(), id -> new RecordingFrameSender()),
                Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
    }

    @Test
    void subscribeIndexesTheSessionUnderTheSymbol() {
        ClientSession session = registry.open(new FakeWebSocketSession("a"));

        registry.subscribe(session, "AAPL", null);

        assertThat(registry.subscriberCount("AAPL")).isEqualTo(1);
        assertThat(session.symbols()).containsExactly("AAPL");
    }

    @Test
    void unsubscribeAndRemoveClearTheIndex() {
        ClientSession first = registry.open(new FakeWebSocketSession("a"));
        ClientSession second = registry.open(new FakeWebSocketSession("b"));
        registry.subscribe(first, "AAPL", null);
        registry.subscribe(second, "AAPL", null);
        registry.subscribe(second, "MSFT", null);

        registry.unsubscribe(first, "AAPL");
        registry.remove("b");

        assertThat(registry.subscriberCount("AAPL")).isZero();
        assertThat(registry.subscriberCount("MSFT")).isZero();
        assertThat(registry.find("b")).isEmpty();
        assertThat(registry.find("a")).isPresent();
    }

    @Test
    void subscribingAgainReplacesTheSubscriptionSoEachTickArrivesOnce() {
        ClientSession session = activeSubscriber("a", "AAPL");
        registry.subscribe(session, "AAPL", null);
        session.answerSubscribe("{\"type\":\"subscribed\"}", List.of(Resumption.snapshot("AAPL", "e", 0, null)));

        registry.onTick(tick("AAPL", 1));
        drain("a");

        assertThat(registry.subscriberCount("AAPL")).isEqualTo(1);
        assertThat(messages("a")).filteredOn(m -> "tick".equals(m.path("type").stringValue())).hasSize(1);
    }

    @Test
    void anUnsubscribedSessionGetsNoMoreTicks() {
        ClientSession session = activeSubscriber("a", "AAPL");

        registry.unsubscribe(session, "AAPL");
        registry.onTick(tick("AAPL", 1));
        drain("a");

        assertThat(messages("a")).noneMatch(m -> "tick".equals(m.path("type").stringValue()));
    }

    @Test
    void tickIsEncodedOnceAndTheSameTextGoesToEverySubscriber() {
        ClientSession first = activeSubscriber("a", "AAPL");
        ClientSession second = activeSubscriber("b", "AAPL");
        ClientSession other = activeSubscriber("c", "MSFT");

        registry.onTick(tick("AAPL", 1));

        assertThat(lastFrame("a")).contains("\"seq\":1").isSameAs(lastFrame("b"));
        assertThat(lastFrame("c")).doesNotContain("\"tick\"");
        assertThat(List.of(first, second, other)).allMatch(s -> s.backlog() == 0);
    }

    @Test
    void ticksArrivingWhileTheAnswerIsBuiltAreHeldAndOnlyLaterOnesFollowIt() {
        ClientSession session = registry.open(new FakeWebSocketSession("a"));
        registry.subscribe(session, "AAPL", null);

        registry.onTick(tick("AAPL", 5));
        registry.onTick(tick("AAPL", 6));
        session.answerSubscribe("{\"type\":\"subscribed\"}", List.of(Resumption.snapshot("AAPL", "e", 5, tick("AAPL", 5))));
        drain("a");

        assertThat(messages("a")).extracting(m -> m.path("type").stringValue() + m.path("seq").asLong(0))
                .containsExactly("subscribed0", "tick6");
    }

    @Test
    void aTickAlreadyInTheAnswerIsNotSentAgain() {
        ClientSession session = activeSubscriber("a", "AAPL");

        registry.onTick(tick("AAPL", 1));
        registry.onTick(tick("AAPL", 1));
        drain("a");

        assertThat(messages("a")).filteredOn(m -> m.path("type").stringValue().equals("tick")).hasSize(1);
        assertThat(session.backlog()).isZero();
    }

    @Test
    void heartbeatSaysTheLatestSeqTheSessionWasGiven() {
        ClientSession session = activeSubscriber("a", "AAPL");
        registry.onTick(tick("AAPL", 1));
        registry.onTick(tick("AAPL", 2));

        new Heartbeats(registry, new ServerMessageEncoder(JSON), Clock.fixed(Instant.ofEpochMilli(7), ZoneOffset.UTC)).beat();
        drain("a");

        JsonNode heartbeat = messages("a").get(messages("a").size() - 1);
        assertThat(heartbeat.path("type").stringValue()).isEqualTo("heartbeat");
        assertThat(heartbeat.path("ts").longValue()).isEqualTo(7);
        assertThat(heartbeat.path("seqs").path("AAPL").longValue()).isEqualTo(2);
        assertThat(session.isSubscribed("AAPL")).isTrue();
    }

    @Test
    void oneFrameInFlightAtATimeAndWaitingMessagesLeaveAsOneBatch() {
        ClientSession session = activeSubscriber("a", "AAPL");
        session.send("{\"type\":\"x\"}");
        RecordingFrameSender sender = sender("a");
        int framesBefore = sender.frames.size();

        registry.onTick(tick("AAPL", 1));
        registry.onTick(tick("AAPL", 2));
        registry.onTick(tick("AAPL", 3));
        assertThat(sender.frames).hasSize(framesBefore);

        sender.complete();

        assertThat(sender.overlappingSends).isZero();
        assertThat(sender.frames).hasSize(framesBefore + 1);
        JsonNode batch = JSON.readTree(sender.frames.get(framesBefore));
        assertThat(batch.path("type").stringValue()).isEqualTo("batch");
        assertThat(batch.path("items")).hasSize(3);
    }

    @Test
    void failedWriteClosesTheSession() {
        FakeWebSocketSession socket = new FakeWebSocketSession("a");
        registry.open(socket).send("{\"type\":\"x\"}");

        sender("a").fail(new IOException("broken pipe"));

        assertThat(socket.closedWith).isEqualTo(CloseStatus.SERVER_ERROR);
    }

    @Test
    void evictedSessionIsClosedWithoutWaitingLongForIt() {
        FakeWebSocketSession socket = new FakeWebSocketSession("a");
        ClientSession session = registry.open(socket);

        registry.evict(session, CloseStatus.GOING_AWAY);

        assertThat(sender("a").hurried).isTrue();
        assertThat(socket.closedWith).isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(registry.find("a")).isEmpty();
    }

    private ClientSession activeSubscriber(String id, String symbol) {
        ClientSession session = registry.open(new FakeWebSocketSession(id));
        registry.subscribe(session, symbol, null);
        session.answerSubscribe("{\"type\":\"subscribed\"}", List.of(Resumption.snapshot(symbol, "e", 0, null)));
        drain(id);
        return session;
    }

    private void drain(String id) {
        RecordingFrameSender sender = sender(id);
        while (sender.hasInFlight()) {
            sender.complete();
        }
    }

    private RecordingFrameSender sender(String id) {
        return senders.get(id);
    }

    private String lastFrame(String id) {
        List<String> frames = sender(id).frames;
        return frames.get(frames.size() - 1);
    }

    private List<JsonNode> messages(String id) {
        return Frames.messages(sender(id).frames);
    }

    private static Tick tick(String symbol, long seq) {
        return new Tick(symbol, seq, 100 + seq, null, null, null, null, 1_000 + seq);
    }

}
