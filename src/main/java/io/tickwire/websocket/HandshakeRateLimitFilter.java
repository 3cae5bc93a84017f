package io.tickwire.websocket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

/**
 * The first look at a handshake, before Spring Security: a foreign origin is refused with 403 at once, without
 * spending the address's budget (or a foreign page could use up its visitors' budget and lock them out) and
 * without a password check (which would answer whether a password is right); then an address that starts
 * handshakes faster than its budget gets 429 with {@code Retry-After}, so that handshakes refused for their login
 * count too. Behind a reverse proxy every client has the proxy's address unless the container is told to trust
 * its forwarded headers ({@code server.forward-headers-strategy=native}).
 */
final class HandshakeRateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeRateLimitFilter.class);

    private final HandshakeRateLimiter limiter;
    private final OriginCheckInterceptor originCheck;
    private final HandshakeRefusals refusals;

    HandshakeRateLimitFilter(HandshakeRateLimiter limiter, OriginCheckInterceptor originCheck, HandshakeRefusals refusals) {
        this.limiter = limiter;
        this.originCheck = originCheck;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ServletServerHttpRequest handshake = new ServletServerHttpRequest(request);
        if (!originCheck.allows(handshake)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            refusals.refused(HandshakeRefusals.Reason.ORIGIN);
            originCheck.logRefusal(handshake);
            return;
        }
        String client = clientKey(request.getRemoteAddr());
        Duration wait = limiter.acquire(client);
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        log.debug("Refused WebSocket handshake from {}: too many handshakes", client);
        refusals.refused(HandshakeRefusals.Reason.RATE);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RetryAfter.header(wait));
    }

    /**
     * Whose budget a handshake comes from: the IPv4 address, or the /64 network of an IPv6 address, since one
     * IPv6 host is usually given a whole /64 and could otherwise take a new address for every handshake.
     *
     * @param remoteAddress the request's remote address, an IP literal (never looked up)
     */
    static String clientKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return "unknown";
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(remoteAddress);
        } catch (UnknownHostException notALiteral) {
            return remoteAddress;
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
