package io.tickwire.session;

import io.tickwire.protocol.CloseCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Looks over every session now and then and closes those that cannot be served: a client that has not taken
 * a frame for longer than the send timeout (4009), and one that answered neither pings nor anything else for
 * two heartbeat intervals (1001). Both are forgotten at once, so no more work is done for them. A slow client
 * gets its close frame once the frame it is stuck on is written, or is dropped after another send timeout.
 */
public final class SessionSupervisor {

    private static final Logger log = LoggerFactory.getLogger(SessionSupervisor.class);

    private final SessionRegistry registry;
    private final Clock clock;
    private final long sendTimeoutMillis;
    private final long silenceLimitMillis;

    public SessionSupervisor(SessionRegistry registry, Clock clock, Duration sendTimeout, Duration heartbeat) {
        this.registry = registry;
        this.clock = clock;
        this.sendTimeoutMillis = sendTimeout.toMillis();
        this.silenceLimitMillis = heartbeat.toMillis() * 2;
    }

    /** How often to look: often enough that neither limit is overrun by much. */
    static Duration period(Duration sendTimeout, Duration heartbeat) {
        long millis = Math.min(1_000, Math.min(sendTimeout.toMillis(), heartbeat.toMillis()) / 4);
        return Duration.ofMillis(Math.max(10, millis));
    }

    public void sweep() {
        long now = clock.millis();
        for (ClientSession session : registry.sessions()) {
            long writingSince = session.writingSinceMillis();
            if (writingSince != 0 && now - writingSince > sendTimeoutMillis) {
                log.debug("Session {} took no data for {} ms; closing it", session.id(), now - writingSince);
                registry.evictAfterWriting(session, CloseCodes.SLOW_CONSUMER, true, sendTimeoutMillis);
            } else if (now - session.lastActivityMillis() > silenceLimitMillis) {
                log.debug("Session {} answered nothing for {} ms; closing it", session.id(), now - session.lastActivityMillis());
                registry.evict(session, CloseCodes.SILENT);
            }
        }
    }
}
