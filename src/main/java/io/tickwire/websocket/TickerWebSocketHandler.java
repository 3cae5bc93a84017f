package io.tickwire.websocket;

import io.tickwire.protocol.CloseCodes;
import io.tickwire.protocol.ErrorCode;
import io.tickwire.protocol.ServerMessageEncoder;
import io.tickwire.session.ClientSession;
import io.tickwire.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import java.security.Principal;
import java.util.List;

/** The raw WebSocket endpoint: connects sockets to the session registry and hands requests on. */
final class TickerWebSocketHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

    static final String SUBPROTOCOL = "tickwire.v1.json";

    /** No browser splits a small message into many frames; a client that does is flooding. */
    static final int MAX_PARTS_PER_MESSAGE = 64;

    private static final String ASSEMBLER = MessageAssembler.class.getName();

    private static final Logger log = LoggerFactory.getLogger(TickerWebSocketHandler.class);

    private final SessionRegistry registry;
    private final ClientRequests requests;
    private final Welcomes welcomes;
    private final ServerMessageEncoder encoder;
    private final LimitsProperties limits;
    private final SessionCloses closes;

    TickerWebSocketHandler(SessionRegistry registry, ClientRequests requests, Welcomes welcomes, ServerMessageEncoder encoder,
                           LimitsProperties limits, SessionCloses closes) {
        this.registry = registry;
        this.requests = requests;
        this.welcomes = welcomes;
        this.encoder = encoder;
        this.limits = limits;
        this.closes = closes;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        ClientSession session = registry.open(socket);
        session.send(welcomes.forSession(session.id()));
        withConnection(log.atDebug().setMessage("Session {} opened by {} from {}"), socket).log();
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) throws Exception {
        String text;
        try {
            text = assembler(socket).append(message.getPayload(), message.isLast());
        } catch (MessageAssembler.TooBig e) {
            socket.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason(e.getMessage()));
            return;
        }
        if (text == null) {
            return;
        }
        registry.find(socket.getId()).ifPresent(session -> {
            session.touch();
            switch (session.budget().take()) {
                case ACCEPT -> requests.handle(session, text);
                case RATE_LIMITED -> session.send(encoder.error(null, ErrorCode.RATE_LIMITED,
                        "more than " + limits.messagesPerSecond() + " messages per second; slow down or be disconnected"));
                case DROP -> { }
                case CLOSE -> registry.evictAfterWriting(session, CloseCodes.KEPT_SENDING, false, limits.sendTimeout().toMillis());
            }
        });
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) throws Exception {
        socket.close(CloseStatus.NOT_ACCEPTABLE.withReason("binary frames are not part of this protocol"));
    }

    @Override
    protected void handlePongMessage(WebSocketSession socket, PongMessage message) {
        registry.find(socket.getId()).ifPresent(ClientSession::touch);
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.debug("Transport error on session {}", socket.getId(), exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        registry.remove(socket.getId());
        closes.closed(status);
        withConnection(log.atDebug().setMessage("Session {} of {} from {} closed with {}"), socket)
                .addArgument(status).addKeyValue("close.code", status::getCode).log();
    }

    /** The connection's session, user and address, as the message's first arguments and as fields of their own. */
    private static LoggingEventBuilder withConnection(LoggingEventBuilder event, WebSocketSession socket) {
        return event.addArgument(socket::getId).addArgument(() -> user(socket)).addArgument(socket::getRemoteAddress)
                .addKeyValue("session.id", socket::getId).addKeyValue("user.name", () -> user(socket))
                .addKeyValue("client.address", socket::getRemoteAddress);
    }

    /** Who opened the socket, for the log: the signed-in user, or {@code anonymous}. */
    private static String user(WebSocketSession socket) {
        Principal principal = socket.getPrincipal();
        return principal == null ? "anonymous" : principal.getName();
    }

    /** Parts of messages are taken one by one, so that their size and number can be bounded here. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    private MessageAssembler assembler(WebSocketSession socket) {
        return (MessageAssembler) socket.getAttributes().computeIfAbsent(ASSEMBLER,
                key -> new MessageAssembler(limits.maxMessageBytes(), MAX_PARTS_PER_MESSAGE));
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
