package io.tickwire.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Counts the handshakes refused before any upgrade, by why: the tag is the reason, never who asked. */
public final class HandshakeRefusals {

    public static final String NAME = "tickwire.handshakes.rejected";
    public static final String REASON = "reason";

    /** Why a handshake was refused; the tag value is the name in lower case. */
    public enum Reason {
        /** 403: an {@code Origin} not on the allow-list. */
        ORIGIN,
        /** 401: no login, or a wrong one, where one is needed. */
        AUTH,
        /** 429: the address started handshakes faster than its budget. */
        RATE,
        /** 503: the node holds {@code max-connections}. */
        CAPACITY,
        /** 503: the node is shutting down. */
        SHUTDOWN;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    HandshakeRefusals(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder(NAME).tag(REASON, reason.tag())
                    .description("WebSocket handshakes refused before any upgrade").register(registry));
        }
    }

    void refused(Reason reason) {
        counters.get(reason).increment();
    }
}
