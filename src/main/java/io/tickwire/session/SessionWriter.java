package io.tickwire.session;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one writer of a session. Whoever adds to the outbox calls {@link #wake()}; the draining itself runs on
 * the writer executor and never more than one frame is in flight, so publishers never touch the socket and
 * the container never sees two concurrent sends.
 */
final class SessionWriter {

    private final Outbox outbox;
    private final FrameSender sender;
    private final Executor executor;
    private final int maxFrameChars;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean failed;

    SessionWriter(Outbox outbox, FrameSender sender, Executor executor, int maxFrameChars, Consumer<Throwable> onFailure) {
        this.outbox = outbox;
        this.sender = sender;
        this.executor = executor;
        this.maxFrameChars = maxFrameChars;
        this.onFailure = onFailure;
    }

    void wake() {
        if (!failed && busy.compareAndSet(false, true)) {
            executor.execute(this::writeNext);
        }
    }

    private void writeNext() {
        String frame = outbox.nextFrame(maxFrameChars);
        if (frame == null) {
            busy.set(false);
            if (!outbox.isEmpty()) {
                wake();
            }
            return;
        }
        sender.send(frame, this::sent);
    }

    private void sent(Throwable failure) {
        if (failure != null) {
            failed = true;
            onFailure.accept(failure);
            return;
        }
        // hand back to the executor rather than recurse: a send that completes at once would otherwise
        // drain a busy outbox on an ever deeper stack
        executor.execute(this::writeNext);
    }
}
