package io.tickwire.websocket;

import io.tickwire.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.time.Duration;
import java.util.Map;

/**
 * Refuses handshakes with 503 and {@code Retry-After} while the node is full or shutting down, before any
 * upgrade, so that plain HTTP keeps its share of the container.
 */
final class Admission implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final SessionRegistry registry;
    private final int maxConnections;
    private final Duration retryAfter;
    private final HandshakeRefusals refusals;
    private volatile Duration draining;

    Admission(SessionRegistry registry, int maxConnections, Duration retryAfter, HandshakeRefusals refusals) {
        this.registry = registry;
        this.maxConnections = maxConnections;
        this.retryAfter = retryAfter;
        this.refusals = refusals;
    }

    /** From now on, refuse every handshake and ask the client to come back after {@code retryAfter}. */
    void drain(Duration retryAfter) {
        this.draining = retryAfter;
    }

    /** Admits handshakes again, after a {@link #drain} (the application was stopped and is started again). */
    void open() {
        this.draining = null;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Duration refusal = draining;
        if (refusal != null) {
            refusals.refused(HandshakeRefusals.Reason.SHUTDOWN);
        } else if (registry.size() >= maxConnections) {
            refusal = retryAfter;
            refusals.refused(HandshakeRefusals.Reason.CAPACITY);
            log.debug("Refused WebSocket handshake from {}: {} connections open", request.getRemoteAddress(), registry.size());
        } else {
            return true;
        }
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, RetryAfter.header(refusal));
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
