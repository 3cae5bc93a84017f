package io.tickwire.session;

import org.springframework.web.socket.CloseStatus;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one writer of a session. Whoever adds to the outbox calls {@link #wake()}; the draining runs on the
 * writer executor, and never more than one frame (text, ping or close) is in flight, so publishers never touch
 * the socket and the container never sees two concurrent sends. Text frames leave without blocking; a ping or
 * the closing handshake can block, so they run on a separate executor while this writer stays busy.
 */
final class SessionWriter {

    private final Outbox outbox;
    private final FrameSender sender;
    private final SessionSettings settings;
    private final Clock clock;
    private final Consumer<Throwable> onFailure;
    private final Consumer<CloseStatus> closer;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Runnable drain = this::writeNext;
    private final Consumer<Throwable> sentCallback = this::sent;
    private volatile boolean pingWanted;
    private volatile CloseStatus closeWhenDrained;
    private volatile long inFlightSinceMillis;
    private volatile boolean stopped;

    SessionWriter(Outbox outbox, FrameSender sender, SessionSettings settings, Clock clock,
                  Consumer<Throwable> onFailure, Consumer<CloseStatus> closer) {
        this.outbox = outbox;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.onFailure = onFailure;
        this.closer = closer;
    }

    void wake() {
        if (!stopped && busy.compareAndSet(false, true)) {
            settings.writers().execute(drain);
        }
    }

    /** Sends a WebSocket ping as soon as the frame in flight, if any, is written. */
    void requestPing() {
        pingWanted = true;
        wake();
    }

    /** Writes everything queued, then closes; the session stops offering anything once it is closing. */
    void closeWhenDrained(CloseStatus status) {
        closeWhenDrained = status;
        wake();
    }

    /** Writes nothing more: the session is being closed by someone else. */
    void stop() {
        stopped = true;
    }

    /** When the frame now in flight was handed to the container, or 0 when none is. */
    long inFlightSinceMillis() {
        return inFlightSinceMillis;
    }

    private void writeNext() {
        if (stopped) {
            return;
        }
        if (pingWanted) {
            pingWanted = false;
            inFlightSinceMillis = now();
            settings.blockingWork().execute(this::ping);
            return;
        }
        Outbox.Frame frame = outbox.nextFrame(settings.maxFrameChars());
        if (frame != null) {
            long now = now();
            inFlightSinceMillis = now;
            int bytes = sender.send(frame.text(), sentCallback);
            settings.meters().frameWritten(frame.messages(), bytes, frame.oldestDueAt(), now);
            return;
        }
        CloseStatus close = closeWhenDrained;
        if (close != null) {
            stopped = true;
            settings.blockingWork().execute(() -> closer.accept(close));
            return;
        }
        idle();
    }

    private void ping() {
        try {
            sender.ping();
        } catch (Exception e) {
            sent(e);
            return;
        }
        sent(null);
    }

    private void sent(Throwable failure) {
        inFlightSinceMillis = 0;
        if (failure != null) {
            stopped = true;
            onFailure.accept(failure);
            return;
        }
        if (nothingToDo()) {
            // the common case under a steady feed: one frame, then idle; no need for another hand-off
            idle();
            return;
        }
        // Back to the writer threads rather than on here: the container calls back on one of its many worker
        // threads, and work done there competes with the publishing thread for the cores, one thread against
        // hundreds (the node fell behind its feed that way). Nor may a send that completes at once recurse.
        settings.writers().execute(drain);
    }

    /** Lets the next offer wake the writer, unless something came in meanwhile. */
    private void idle() {
        busy.set(false);
        if (!nothingToDo()) {
            wake();
        }
    }

    private boolean nothingToDo() {
        return outbox.isEmpty() && !pingWanted && closeWhenDrained == null;
    }

    private long now() {
        return Math.max(1, clock.millis());
    }
}
