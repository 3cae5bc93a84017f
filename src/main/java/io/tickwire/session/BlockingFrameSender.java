package io.tickwire.session;

import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.util.function.Consumer;

/** For containers without a non-blocking endpoint: the write blocks a writer thread, never a publisher. */
final class BlockingFrameSender implements FrameSender {

    private final WebSocketSession session;

    BlockingFrameSender(WebSocketSession session) {
        this.session = session;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        try {
            session.sendMessage(new TextMessage(frame));
            done.accept(null);
        } catch (Exception e) {
            done.accept(e);
        }
    }

    @Override
    public void ping() throws Exception {
        session.sendMessage(new PingMessage());
    }

}
