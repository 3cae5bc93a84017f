package io.tickwire.websocket;

import io.tickwire.protocol.ServerMessageEncoder;
import io.tickwire.session.ClientSession;
import io.tickwire.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import java.time.Clock;
import java.util.List;

/** The raw WebSocket endpoint: connects sockets to the session registry and hands requests on. */
final class TickerWebSocketHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

    static final String SUBPROTOCOL = "tickwire.v1.json";

    private static final Logger log = LoggerFactory.getLogger(TickerWebSocketHandler.class);

    private final SessionRegistry registry;
    private final ClientRequests requests;
    private final Welcomes welcomes;
    private final Clock clock;

    TickerWebSocketHandler(SessionRegistry registry, ClientRequests requests, Welcomes welcomes, Clock clock) {
        this.registry = registry;
        this.requests = requests;
        this.welcomes = welcomes;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        ClientSession session = registry.open(socket);
        session.send(welcomes.forSession(session.id()));
        log.debug("Session {} opened from {}", session.id(), socket.getRemoteAddress());
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        registry.find(socket.getId()).ifPresent(session -> {
            session.touch(clock.millis());
            requests.handle(session, message.getPayload());
        });
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) throws Exception {
        socket.close(CloseStatus.NOT_ACCEPTABLE.withReason("binary frames are not part of this protocol"));
    }

    @Override
    protected void handlePongMessage(WebSocketSession socket, PongMessage message) {
        registry.find(socket.getId()).ifPresent(session -> session.touch(clock.millis()));
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.debug("Transport error on session {}", socket.getId(), exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        registry.remove(socket.getId());
        log.debug("Session {} closed with {}", socket.getId(), status);
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(SUBPROTOCOL);
    }

    /** The first message of every connection. */
    record Welcomes(ServerMessageEncoder encoder, String node, long heartbeatMs, LimitsProperties limits) {

        String forSession(String sessionId) {
            return encoder.welcome(sessionId, node, heartbeatMs, limits.maxSubscriptions(), limits.maxMessageBytes(),
                    limits.messagesPerSecond());
        }
    }
}
