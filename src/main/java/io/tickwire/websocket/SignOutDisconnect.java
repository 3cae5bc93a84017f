package io.tickwire.websocket;

import io.tickwire.protocol.CloseCodes;
import io.tickwire.session.ClientSession;
import io.tickwire.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.session.SessionDestroyedEvent;
import org.springframework.security.core.session.SessionIdChangedEvent;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * Closes the sockets opened in an HTTP session with 1008 when that session ends: the user signed out, the session
 * expired, or it was invalidated any other way. Each socket remembers its session's id from the handshake.
 *
 * <p>The end arrives as Spring Security's {@link SessionDestroyedEvent} (logout invalidates the session), which
 * covers the container's sessions (through {@code HttpSessionEventPublisher}) and Spring Session's alike. Tomcat
 * also closes the sockets of a session that ends, often first and with its own reason, but only those with a user at
 * the handshake, and it loses track of them when signing in again changes the session's id; this does not depend on it.
 */
final class SignOutDisconnect {

    static final String HTTP_SESSION_ID = HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME;

    private static final Logger log = LoggerFactory.getLogger(SignOutDisconnect.class);

    private final SessionRegistry registry;

    SignOutDisconnect(SessionRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void sessionEnded(SessionDestroyedEvent event) {
        closeSocketsOf(event.getId());
    }

    /** Signing in again changes the session's id (against session fixation); the sockets follow it. */
    @EventListener
    void sessionIdChanged(SessionIdChangedEvent event) {
        for (ClientSession session : registry.sessions()) {
            session.socket().getAttributes().replace(HTTP_SESSION_ID, event.getOldSessionId(), event.getNewSessionId());
        }
    }

    private void closeSocketsOf(String httpSessionId) {
        for (ClientSession session : registry.sessions()) {
            if (httpSessionId.equals(session.socket().getAttributes().get(HTTP_SESSION_ID))) {
                log.debug("Session {} closed: its HTTP session ended", session.id());
                registry.evict(session, CloseCodes.SIGNED_OUT);
            }
        }
    }
}
