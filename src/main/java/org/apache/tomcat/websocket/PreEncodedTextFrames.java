package org.apache.tomcat.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * Sends a text frame whose UTF-8 bytes are already at hand. Tomcat's public {@code sendText} re-encodes every
 * String for every client through a character-by-character path (over half of the CPU under load, see
 * docs/benchmarks.md); the frame-level entry point below is package-private, hence this class's package.
 * Callers must never have two data frames of one session in flight, since Tomcat's state machine, which checks
 * that for the public API, is bypassed here.
 */
public final class PreEncodedTextFrames {

    private static final boolean AVAILABLE = probe();

    private PreEncodedTextFrames() {
    }

    /** Whether this Tomcat has the entry point this class relies on; when not, callers send Strings. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Whether {@code session} is one of Tomcat's own and its frames can be sent from bytes. */
    public static boolean supports(Session session) {
        return AVAILABLE && session.getAsyncRemote() instanceof WsRemoteEndpointBase;
    }

    /**
     * Starts writing one final text frame without blocking; permessage-deflate, when negotiated, still applies.
     *
     * @param utf8 the payload, valid UTF-8 (not checked)
     * @throws IllegalStateException when the session is closed
     */
    public static void send(Session session, ByteBuffer utf8, SendHandler handler) {
        RemoteEndpoint.Async remote = session.getAsyncRemote();
        ((WsRemoteEndpointBase) remote).base.startMessage(Constants.OPCODE_TEXT, utf8, true, handler);
    }

    private static boolean probe() {
        try {
            WsRemoteEndpointImplBase.class.getDeclaredMethod("startMessage", byte.class, ByteBuffer.class,
                    boolean.class, SendHandler.class);
            WsRemoteEndpointBase.class.getDeclaredField("base");
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }
}
