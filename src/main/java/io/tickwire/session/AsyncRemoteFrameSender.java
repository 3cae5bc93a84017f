package io.tickwire.session;

import jakarta.websocket.Session;

import java.util.function.Consumer;

/**
 * Sends through the container's non-blocking endpoint, so that a client that stops reading holds no thread:
 * the frame waits in the container until the socket can take it.
 */
final class AsyncRemoteFrameSender implements FrameSender {

    private final Session session;

    AsyncRemoteFrameSender(Session session) {
        this.session = session;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(frame, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }
}
