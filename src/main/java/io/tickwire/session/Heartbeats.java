package io.tickwire.session;

import io.tickwire.protocol.ServerMessageEncoder;

import java.time.Clock;

/** Sends every session a {@code heartbeat} with the latest seq it has been given of each of its symbols. */
public final class Heartbeats {

    private final SessionRegistry registry;
    private final ServerMessageEncoder encoder;
    private final Clock clock;

    public Heartbeats(SessionRegistry registry, ServerMessageEncoder encoder, Clock clock) {
        this.registry = registry;
        this.encoder = encoder;
        this.clock = clock;
    }

    public void beat() {
        long now = clock.millis();
        for (ClientSession session : registry.sessions()) {
            session.sendHeartbeat(seqs -> encoder.heartbeat(now, seqs));
        }
    }
}
