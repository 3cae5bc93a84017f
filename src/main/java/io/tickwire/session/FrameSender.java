package io.tickwire.session;

import java.util.function.Consumer;

/** Writes one text frame to a client and says when it is done. At most one frame is in flight at a time. */
@FunctionalInterface
public interface FrameSender {

    /**
     * @param done called once the frame is written, with {@code null}, or with the failure
     */
    void send(String frame, Consumer<Throwable> done);
}
