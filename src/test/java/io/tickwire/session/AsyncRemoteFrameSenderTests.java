package io.tickwire.session;

import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThatCode;

class AsyncRemoteFrameSenderTests {

    @Test
    void hurryingASessionThatHasJustClosedIsNotAnError() {
        AtomicBoolean closed = new AtomicBoolean();
        Map<String, Object> properties = new HashMap<>();
        // Tomcat's session refuses its user properties once closed, which can happen between any check and this call
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getUserProperties" -> {
                        if (closed.get()) {
                            throw new IllegalStateException("The WebSocket session has been closed");
                        }
                        yield properties;
                    }
                    default -> null;
                });
        AsyncRemoteFrameSender sender = new AsyncRemoteFrameSender(session, 2_000);
        closed.set(true);

        assertThatCode(sender::hurry).doesNotThrowAnyException();
    }
}
