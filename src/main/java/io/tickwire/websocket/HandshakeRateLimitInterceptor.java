package io.tickwire.websocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Answers 429 with {@code Retry-After} to an address that starts handshakes faster than its budget, before any
 * other check, so that refused handshakes count too. Behind a reverse proxy every client has the proxy's address
 * unless the container is told to trust its forwarded headers ({@code server.forward-headers-strategy=native}).
 */
final class HandshakeRateLimitInterceptor implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(HandshakeRateLimitInterceptor.class);

    private final HandshakeRateLimiter limiter;

    HandshakeRateLimitInterceptor(HandshakeRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String client = clientKey(request.getRemoteAddress());
        Duration wait = limiter.acquire(client);
        if (wait.isZero()) {
            return true;
        }
        log.debug("Refused WebSocket handshake from {}: too many handshakes", client);
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wholeSecondsAtLeastOne(wait)));
        return false;
    }

    private static long wholeSecondsAtLeastOne(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999) / 1_000_000_000);
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    /**
     * Whose budget a handshake comes from: the IPv4 address, or the /64 network of an IPv6 address, since one
     * IPv6 host is usually given a whole /64 and could otherwise take a new address for every handshake.
     */
    static String clientKey(InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        if (address == null) {
            return remote.getHostString();
        }
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
