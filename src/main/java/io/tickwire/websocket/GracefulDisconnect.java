package io.tickwire.websocket;

import io.tickwire.protocol.CloseCodes;
import io.tickwire.protocol.ServerMessageEncoder;
import io.tickwire.session.ClientSession;
import io.tickwire.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * On shutdown, before the web server stops: refuses new handshakes, sends every client {@code shutdown} with a
 * random {@code reconnectAfterMs} within the window, closes each with 1012 once that is written, and waits a
 * bounded time for them all to go.
 */
final class GracefulDisconnect implements SmartLifecycle {

    /** Before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the feed stop. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(GracefulDisconnect.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final SessionRegistry registry;
    private final Admission admission;
    private final ServerMessageEncoder encoder;
    private final ShutdownProperties properties;
    private volatile boolean running;

    GracefulDisconnect(SessionRegistry registry, Admission admission, ServerMessageEncoder encoder, ShutdownProperties properties) {
        this.registry = registry;
        this.admission = admission;
        this.encoder = encoder;
        this.properties = properties;
    }

    /** Also on a start after a stop, as when a test framework pauses a cached application and resumes it. */
    @Override
    public void start() {
        admission.open();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        admission.drain(properties.reconnectWindow());
        long windowMillis = properties.reconnectWindow().toMillis();
        for (ClientSession session : registry.sessions()) {
            long reconnectAfter = windowMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(windowMillis + 1);
            session.sendThenClose(encoder.shutdown(reconnectAfter), CloseCodes.RESTARTING);
        }
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        while (registry.size() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        for (ClientSession session : registry.sessions()) {
            registry.evict(session, CloseCodes.RESTARTING);
        }
        log.info("Disconnected all WebSocket clients for shutdown");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
