package io.tickwire.session;

import io.tickwire.protocol.Utf8;

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
    public int send(String frame, Consumer<Throwable> done) {
        TextMessage message = new TextMessage(frame);
        try {
            session.sendMessage(message);
            done.accept(null);
        } catch (Exception e) {
            done.accept(e);
        }
        return Utf8.length(frame);
    }

    @Override
    public void ping() throws Exception {
        session.sendMessage(new PingMessage());
    }

}
