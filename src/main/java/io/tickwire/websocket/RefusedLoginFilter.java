package io.tickwire.websocket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Counts the handshakes that Spring Security refused for want of a (right) login. It wraps Spring Security's
 * filters, so a 401 coming back through it is the login's answer, whichever of its entry points wrote it.
 */
final class RefusedLoginFilter extends OncePerRequestFilter {

    private final HandshakeRefusals refusals;

    RefusedLoginFilter(HandshakeRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            refusals.refused(HandshakeRefusals.Reason.AUTH);
        }
    }
}
