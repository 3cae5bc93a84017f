package io.tickwire.session;

import jakarta.websocket.Session;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/** Picks the way frames leave for a session: non-blocking where the container offers it. */
final class FrameSenders {

    private FrameSenders() {
    }

    static FrameSender forSocket(WebSocketSession socket, long blockingSendTimeoutMillis) {
        if (socket instanceof NativeWebSocketSession nativeSession) {
            Session session = nativeSession.getNativeSession(Session.class);
            if (session != null) {
                return new AsyncRemoteFrameSender(session, blockingSendTimeoutMillis);
            }
        }
        return new BlockingFrameSender(socket);
    }
}
