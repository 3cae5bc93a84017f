package io.tickwire.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class SessionWriterTests {

    private final MutableClock clock = MutableClock.atEpochSecond(1_000);
    private final RecordingFrameSender sender = new RecordingFrameSender();
    private final Outbox outbox = new Outbox(100);
    private final List<CloseStatus> closes = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final SessionWriter writer = new SessionWriter(outbox, sender,
            new SessionSettings(Runnable::run, Runnable::run, (task, delay) -> { }, 65_536, 100, 20, 40, new SessionMeters(new SimpleMeterRegistry())),
            clock, failures::add, closes::add);

    @Test
    void pingWaitsForTheFrameInFlight() {
        outbox.offerMessage("{\"n\":1}");
        writer.wake();
        writer.requestPing();

        assertThat(sender.pings).isZero();

        sender.complete();

        assertThat(sender.pings).isEqualTo(1);
        assertThat(sender.overlappingSends).isZero();
    }

    @Test
    void knowsSinceWhenAFrameIsInFlight() {
        outbox.offerMessage("{\"n\":1}");
        writer.wake();
        long handedOver = clock.millis();
        clock.advance(Duration.ofSeconds(3));

        assertThat(writer.inFlightSinceMillis()).isEqualTo(handedOver);

        sender.complete();

        assertThat(writer.inFlightSinceMillis()).isZero();
    }

    @Test
    void closesOnlyOnceEverythingQueuedIsWrittenAndWritesNothingAfter() {
        outbox.offerMessage("{\"n\":1}");
        writer.wake();
        outbox.offerMessage("{\"type\":\"shutdown\"}");
        writer.closeWhenDrained(CloseStatus.SERVICE_RESTARTED);

        assertThat(closes).isEmpty();
        sender.complete();
        assertThat(sender.frames).containsExactly("{\"n\":1}", "{\"type\":\"shutdown\"}");
        assertThat(closes).isEmpty();
        sender.complete();

        assertThat(closes).containsExactly(CloseStatus.SERVICE_RESTARTED);
        outbox.offerMessage("{\"n\":2}");
        writer.wake();
        assertThat(sender.frames).hasSize(2);
    }

    @Test
    void failedSendStopsTheWriter() {
        outbox.offerMessage("{\"n\":1}");
        writer.wake();
        sender.fail(new IllegalStateException("closed"));

        outbox.offerMessage("{\"n\":2}");
        writer.wake();

        assertThat(failures).hasSize(1);
        assertThat(sender.frames).hasSize(1);
    }

    @Test
    void theNextFrameIsWrittenByTheWriterThreadsNotOnTheThreadThatReportedTheLastOneSent() {
        List<Runnable> handedOff = new ArrayList<>();
        SessionWriter queued = writerWith(sender, handedOff::add);
        outbox.offerMessage("{\"n\":1}");
        queued.wake();
        handedOff.remove(0).run();
        outbox.offerMessage("{\"n\":2}");

        sender.complete();

        assertThat(sender.frames).containsExactly("{\"n\":1}");
        assertThat(handedOff).hasSize(1);
        handedOff.remove(0).run();
        assertThat(sender.frames).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void aSendCompletedBeforeReturningHandsTheNextFrameToTheExecutorInsteadOfRecursing() {
        List<String> written = new ArrayList<>();
        FrameSender immediate = new FrameSender() {
            @Override
            public int send(String frame, Consumer<Throwable> done) {
                written.add(frame);
                done.accept(null);
                return frame.length();
            }

            @Override
            public void ping() {
            }
        };
        List<Runnable> handedOff = new ArrayList<>();
        SessionWriter queued = writerWith(immediate, handedOff::add);
        outbox.offerMessage("{\"type\":\"welcome\"}");
        outbox.offerMessage("{\"n\":1}");
        queued.wake();
        // the first wake and the frames after it each go through the executor, one at a time
        handedOff.remove(0).run();

        assertThat(written).hasSize(1);
        assertThat(handedOff).hasSize(1);
    }

    private SessionWriter writerWith(FrameSender frameSender, Executor writers) {
        // frames of at most one message each, so that every message is a frame of its own
        return new SessionWriter(outbox, frameSender,
                new SessionSettings(writers, Runnable::run, (task, delay) -> { }, 1, 100, 20, 40, new SessionMeters(new SimpleMeterRegistry())),
                clock, failures::add, closes::add);
    }
}
