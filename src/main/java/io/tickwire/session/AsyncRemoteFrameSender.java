package io.tickwire.session;

import io.tickwire.protocol.Utf8;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.PreEncodedTextFrames;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Sends text through the container's non-blocking endpoint, so that a client that stops reading holds no
 * thread: the frame waits in the container until the socket can take it. On Tomcat the text goes out as UTF-8
 * bytes encoded here in one bulk copy, instead of through the container's per-character encoder. Pings and the closing handshake have
 * only a blocking API; both are bounded by the session's blocking-send timeout, set when it opens.
 */
final class AsyncRemoteFrameSender implements FrameSender {

    /** Tomcat's per-session bound on blocking sends: pings, pongs, closes (20 s unless set; must be a Long). */
    static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    /**
     * How long Tomcat waits to send a close frame with any code but 1000 (50 ms unless set), after which it drops
     * the connection without one; too short to wait for a frame in flight, so clients would miss why they were
     * closed.
     */
    static final String ABNORMAL_CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session session;
    private final boolean preEncoded;

    AsyncRemoteFrameSender(Session session, long blockingSendTimeoutMillis) {
        this.session = session;
        this.preEncoded = PreEncodedTextFrames.supports(session);
        session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, blockingSendTimeoutMillis);
        session.getUserProperties().put(ABNORMAL_CLOSE_SEND_TIMEOUT, blockingSendTimeoutMillis);
    }

    @Override
    public int send(String frame, Consumer<Throwable> done) {
        SendHandler handler = result -> done.accept(result.isOK() ? null : result.getException());
        if (preEncoded) {
            byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
            try {
                PreEncodedTextFrames.send(session, ByteBuffer.wrap(utf8), handler);
            } catch (RuntimeException e) {
                done.accept(e);
            }
            return utf8.length;
        }
        try {
            session.getAsyncRemote().sendText(frame, handler);
        } catch (RuntimeException e) {
            done.accept(e);
        }
        return Utf8.length(frame);
    }

    /** A connection being dropped need not wait long to be told so. */
    static final long HURRIED_TIMEOUT_MILLIS = 250;

    @Override
    public void hurry() {
        try {
            session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, HURRIED_TIMEOUT_MILLIS);
            session.getUserProperties().put(ABNORMAL_CLOSE_SEND_TIMEOUT, HURRIED_TIMEOUT_MILLIS);
        } catch (IllegalStateException alreadyClosed) {
            // Tomcat refuses the properties of a closed session; there is nothing left to hurry
        }
    }

    @Override
    public void ping() throws Exception {
        session.getBasicRemote().sendPing(EMPTY.duplicate());
    }

}
