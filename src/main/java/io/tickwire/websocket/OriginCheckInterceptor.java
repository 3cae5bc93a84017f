package io.tickwire.websocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a handshake's {@code Origin} may open a socket, so that no foreign page can open one with the
 * user's cookies: browsers do not apply the same-origin policy to WebSocket. {@link HandshakeRateLimitFilter}
 * applies it ahead of Spring Security; Spring's own origin check repeats the allow-list part later in the
 * handshake. Beyond Spring's, this one knows {@code require-origin} and says in the log which origin was refused.
 */
final class OriginCheckInterceptor implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(OriginCheckInterceptor.class);

    private final CorsConfiguration allowed = new CorsConfiguration();
    private final boolean requireOrigin;

    OriginCheckInterceptor(List<String> allowedOriginPatterns, boolean requireOrigin) {
        allowed.setAllowedOriginPatterns(allowedOriginPatterns);
        this.requireOrigin = requireOrigin;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (allows(request)) {
            return true;
        }
        response.setStatusCode(HttpStatus.FORBIDDEN);
        logRefusal(request);
        return false;
    }

    /** Whether the request's {@code Origin} (or its absence) may open a socket. */
    boolean allows(ServerHttpRequest request) {
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        return origin == null ? !requireOrigin : isAllowed(request, origin);
    }

    void logRefusal(ServerHttpRequest request) {
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        log.info("Refused WebSocket handshake from {}: origin {} is not allowed",
                request.getRemoteAddress(), origin == null ? "(none)" : printable(origin));
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    private boolean isAllowed(ServerHttpRequest request, String origin) {
        if (allowed.checkOrigin(origin) != null) {
            return true;
        }
        try {
            return WebUtils.isSameOrigin(request);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The header as sent, minus anything that could forge a log line. */
    private static String printable(String value) {
        String clipped = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return '"' + clipped.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
