package io.tickwire.session;

import java.util.function.Consumer;

/** Writes frames to one client. Its session's writer never has more than one frame of it in flight. */
public interface FrameSender {

    /**
     * Starts writing a text frame without blocking.
     *
     * @param done called once the frame is written, with {@code null}, or with the failure
     * @return the frame's size in UTF-8 bytes, as handed to the container
     */
    int send(String frame, Consumer<Throwable> done);

    /** Writes a WebSocket ping frame. May block for the container's blocking-send timeout at most. */
    void ping() throws Exception;

    /** From now on, give up quickly on a client that does not read: the connection is being dropped. */
    default void hurry() {
    }
}
