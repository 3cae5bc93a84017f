package io.tickwire.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Keeps every frame and leaves each send in flight until the test completes it. */
final class RecordingFrameSender implements FrameSender {

    final List<String> frames = new ArrayList<>();
    private Consumer<Throwable> inFlight;
    int overlappingSends;

    @Override
    public synchronized int send(String frame, Consumer<Throwable> done) {
        if (inFlight != null) {
            overlappingSends++;
        }
        frames.add(frame);
        inFlight = done;
        return frame.getBytes(StandardCharsets.UTF_8).length;
    }

    int pings;
    boolean hurried;

    @Override
    public synchronized void hurry() {
        hurried = true;
    }

    @Override
    public synchronized void ping() {
        pings++;
    }

    synchronized boolean hasInFlight() {
        return inFlight != null;
    }

    void complete() {
        finish(null);
    }

    void fail(Throwable failure) {
        finish(failure);
    }

    private void finish(Throwable failure) {
        Consumer<Throwable> done;
        synchronized (this) {
            done = inFlight;
            inFlight = null;
        }
        done.accept(failure);
    }
}
